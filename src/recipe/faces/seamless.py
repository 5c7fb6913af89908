"""Poisson (seamless) blending of a warped face into its target photo with OpenCV.

Usage: seamless.py TARGET.png FACE.png MASK.png OUT.png
FACE is the warped face, already aligned with TARGET; MASK is white where the face goes.
"""
import sys

import cv2
import numpy as np

cv2.setNumThreads(1)  # one thread keeps the solver's sums in a fixed order: reproducible bytes

target_path, face_path, mask_path, out_path = sys.argv[1:5]
target = cv2.imread(target_path, cv2.IMREAD_COLOR)
face = cv2.imread(face_path, cv2.IMREAD_COLOR)
mask = cv2.imread(mask_path, cv2.IMREAD_GRAYSCALE)

# seamlessClone fails when the mask touches the border, so solve on a reflected margin.
pad = 16
target_p = cv2.copyMakeBorder(target, pad, pad, pad, pad, cv2.BORDER_REFLECT)
face_p = cv2.copyMakeBorder(face, pad, pad, pad, pad, cv2.BORDER_REFLECT)
mask_p = cv2.copyMakeBorder(mask, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=0)

x, y, w, h = cv2.boundingRect(mask_p)
centre = (x + w // 2, y + h // 2)
blended = cv2.seamlessClone(face_p, target_p, mask_p, centre, cv2.NORMAL_CLONE)
cv2.imwrite(out_path, blended[pad:-pad, pad:-pad])

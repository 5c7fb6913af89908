"""The scene edits: object removal by inpainting, copy-move and splice, with OpenCV.

Usage: edit.py SPEC.json
SPEC holds "image" (PNG to edit), "out" (PNG to write) and "edit", one of
  {"op": "inpaint", "shapes": [...], "method": "telea" | "ns", "radius": px, "dilate": px}
  {"op": "clone", "shape": {...}, "dx": px, "dy": px, "feather": px}
  {"op": "splice", "donor": PNG, "shape": {...}, "dx": px, "dy": px, "feather": px}
A shape is {"type": "polygon", "points": [[x, y], ...]} or
{"type": "ellipse", "cx": x, "cy": y, "rx": px, "ry": px}, in pixels of the image (for a splice,
of the donor); a clone or splice lands at the shape moved by (dx, dy).
"""
import json
import sys

import cv2
import numpy as np

cv2.setNumThreads(1)  # a fixed order of floating-point sums: the same bytes on every run


def shape_mask(shape, height, width):
    mask = np.zeros((height, width), np.uint8)
    if shape["type"] == "polygon":
        cv2.fillPoly(mask, [np.array(shape["points"], np.int32)], 255)
    else:
        centre = (int(round(shape["cx"])), int(round(shape["cy"])))
        axes = (int(round(shape["rx"])), int(round(shape["ry"])))
        cv2.ellipse(mask, centre, axes, 0, 0, 360, 255, -1)
    return mask


def feathered(mask, feather):
    if feather <= 0:
        return mask.astype(np.float32) / 255.0
    size = int(feather) * 2 + 1
    return cv2.GaussianBlur(mask, (size, size), feather / 2.0).astype(np.float32) / 255.0


def paste(image, patch, mask, dx, dy, feather):
    """Moves the masked part of `patch` by (dx, dy) and blends it into `image`."""
    height, width = image.shape[:2]
    shift = np.float32([[1, 0, dx], [0, 1, dy]])
    moved = cv2.warpAffine(patch, shift, (width, height), flags=cv2.INTER_NEAREST)
    moved_mask = cv2.warpAffine(mask, shift, (width, height), flags=cv2.INTER_NEAREST)
    alpha = feathered(moved_mask, feather)[:, :, None]
    blended = moved.astype(np.float32) * alpha + image.astype(np.float32) * (1 - alpha)
    return np.clip(np.rint(blended), 0, 255).astype(np.uint8)


spec = json.load(open(sys.argv[1]))
image = cv2.imread(spec["image"], cv2.IMREAD_COLOR)
height, width = image.shape[:2]
edit = spec["edit"]

if edit["op"] == "inpaint":
    mask = np.zeros((height, width), np.uint8)
    for shape in edit["shapes"]:
        mask |= shape_mask(shape, height, width)
    if edit["dilate"] > 0:
        size = int(edit["dilate"]) * 2 + 1
        mask = cv2.dilate(mask, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (size, size)))
    flag = cv2.INPAINT_TELEA if edit["method"] == "telea" else cv2.INPAINT_NS
    result = cv2.inpaint(image, mask, edit["radius"], flag)
elif edit["op"] == "clone":
    mask = shape_mask(edit["shape"], height, width)
    result = paste(image, image, mask, edit["dx"], edit["dy"], edit["feather"])
elif edit["op"] == "splice":
    donor = cv2.imread(edit["donor"], cv2.IMREAD_COLOR)
    mask = shape_mask(edit["shape"], donor.shape[0], donor.shape[1])
    donor_fit = np.zeros_like(image)
    h, w = min(height, donor.shape[0]), min(width, donor.shape[1])
    donor_fit[:h, :w] = donor[:h, :w]
    mask_fit = np.zeros((height, width), np.uint8)
    mask_fit[:h, :w] = mask[:h, :w]
    result = paste(image, donor_fit, mask_fit, edit["dx"], edit["dy"], edit["feather"])
else:
    raise SystemExit(f"unknown edit {edit['op']}")

cv2.imwrite(spec["out"], result)

"""Scene edits on video: every frame of a clip edited the same way, with OpenCV.

Usage: edit.py SPEC.json
SPEC holds "frames" (folder of numbered PNG frames), "out" (folder to write the edited frames to,
same names), "log" (JSON file to write) and "edit", one of
  {"op": "erase", "box": [x, y, w, h], "feather": px}
      what moves through the box is wiped out: the box is filled, in every frame, with the clip's
      empty background, the per-pixel median of all its frames (the camera must not move)
  {"op": "clone", "box": [x, y, w, h], "dx": px, "dy": px, "feather": px}
      copy-move: the box of every frame is copied (dx, dy) further in the same frame
  {"op": "freeze", "box": [x, y, w, h], "at": frame index, "feather": px}
      the box of every frame is covered with the same box of one frame, a still patch
Boxes are in pixels of the frames. The log holds, for every frame, the box of the pixels the edit
changed by more than CHANGE (any channel), or null when fewer than MIN_PIXELS changed: where and
when the edit shows.
"""
import json
import os
import sys

import cv2
import numpy as np

cv2.setNumThreads(1)  # a fixed order of floating-point sums: the same bytes on every run

# A change of 24 levels is about a tenth of the range: plainly different to the eye.
CHANGE = 24
MIN_PIXELS = 12


def box_mask(box, height, width, feather):
    x, y, w, h = box
    mask = np.zeros((height, width), np.uint8)
    mask[y : y + h, x : x + w] = 255
    if feather <= 0:
        return mask.astype(np.float32) / 255.0
    # Shrunk by the feather first, so that the blurred edge stays inside the box.
    size = int(feather) * 2 + 1
    mask = cv2.erode(mask, cv2.getStructuringElement(cv2.MORPH_RECT, (size, size)))
    return cv2.GaussianBlur(mask, (size, size), feather / 2.0).astype(np.float32) / 255.0


def blend(frame, patch, alpha):
    mixed = patch.astype(np.float32) * alpha[:, :, None] + frame.astype(np.float32) * (
        1 - alpha[:, :, None]
    )
    return np.clip(np.rint(mixed), 0, 255).astype(np.uint8)


spec = json.load(open(sys.argv[1]))
names = sorted(f for f in os.listdir(spec["frames"]) if f.endswith(".png"))
frames = [cv2.imread(os.path.join(spec["frames"], name), cv2.IMREAD_COLOR) for name in names]
height, width = frames[0].shape[:2]
edit = spec["edit"]
alpha = box_mask(edit["box"], height, width, edit["feather"])

if edit["op"] == "erase":
    plate = np.median(np.stack(frames), axis=0).astype(np.uint8)
    edited = [blend(frame, plate, alpha) for frame in frames]
elif edit["op"] == "clone":
    shift = np.float32([[1, 0, edit["dx"]], [0, 1, edit["dy"]]])
    moved_alpha = cv2.warpAffine(alpha, shift, (width, height), flags=cv2.INTER_NEAREST)
    edited = [
        blend(frame, cv2.warpAffine(frame, shift, (width, height), flags=cv2.INTER_NEAREST), moved_alpha)
        for frame in frames
    ]
elif edit["op"] == "freeze":
    still = frames[edit["at"]]
    edited = [blend(frame, still, alpha) for frame in frames]
else:
    raise SystemExit(f"unknown edit {edit['op']}")

os.makedirs(spec["out"], exist_ok=True)
log = []
for name, frame, out in zip(names, frames, edited):
    cv2.imwrite(os.path.join(spec["out"], name), out)
    changed = np.abs(out.astype(np.int16) - frame.astype(np.int16)).max(axis=2) > CHANGE
    ys, xs = np.nonzero(changed)
    if len(xs) < MIN_PIXELS:
        log.append(None)
    else:
        log.append([int(xs.min()), int(ys.min()), int(xs.max()) + 1, int(ys.max()) + 1])
json.dump(log, open(spec["log"], "w"))

#!/usr/bin/env bash
# Regenerates the default pack (static/packs/default) from Debian and npm packages only.
# Usage: npm run pack   (or: bash src/recipe/build.sh). Needs root for apt-get, as on these machines.
set -euo pipefail
cd "$(dirname "$0")/../.."

# Debian inputs of the image and video parts (the voice part installs its own).
# kphotoalbum, forensics-samples-files and the faceless footage of the video part
# (python-nbsphinx-doc, python3-mecavideo, pd-extendedview) are not installed but downloaded and
# unpacked into .pack-build by the parts themselves: kphotoalbum would pull in a whole KDE desktop.
PACKAGES=(ffmpeg python3-opencv python3-numpy mate-backgrounds)
missing=()
for package in "${PACKAGES[@]}"; do
	dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if ((${#missing[@]})); then
	echo "recipe: installing ${missing[*]}"
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
fi

# npm inputs (face-api and its models, tfjs WASM, sharp, delaunator, tsx) are dev dependencies.
[ -d node_modules/@vladmandic/face-api ] || npm ci

start=$(date +%s)
npx tsx src/recipe/faces/build.ts
npx tsx src/recipe/scenes/build.ts
npx tsx src/recipe/video/build.ts
npx tsx src/recipe/voices/build.ts
npx tsx src/recipe/assemble.ts
echo "recipe: done in $(($(date +%s) - start)) s"

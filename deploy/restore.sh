#!/usr/bin/env bash
# Restore a backup made by deploy/backup.sh into a database and a media folder.
#
#   deploy/restore.sh [--force] BACKUP_DIR DATABASE_URL MEDIA_DIR
#
# Checks every file against the backup's SHA-256 sums and reads the dump's table of
# contents before touching anything. Creates the database when it does not exist.
# Refuses a database that already has tables, or a media folder that is not empty,
# unless --force is given (then the dump's objects replace those of the same name and
# the archive's files are written over the folder's).
#
# PG_RESTORE and PSQL name the tools, for a database reached another way, e.g.
#   PG_RESTORE="docker-compose exec -T db pg_restore" PSQL="docker-compose exec -T db psql"
set -euo pipefail
PG_RESTORE=${PG_RESTORE:-pg_restore}
PSQL=${PSQL:-psql}

usage() {
    echo "usage: $0 [--force] BACKUP_DIR DATABASE_URL MEDIA_DIR" >&2
    exit 2
}
fail() {
    echo "restore: $*" >&2
    exit 1
}
force=no
if [ "${1:-}" = "--force" ]; then
    force=yes
    shift
fi
[ $# -eq 3 ] || usage
backup_dir=$1
database_url=$2
media_dir=$3

for tool in "${PG_RESTORE%% *}" "${PSQL%% *}" tar sha256sum; do
    command -v "$tool" > /dev/null || fail "$tool is not installed"
done

# 1. The backup is whole and unchanged.
for file in MANIFEST SHA256SUMS database.dump media.tar.gz; do
    [ -f "$backup_dir/$file" ] || fail "$backup_dir is not a complete backup: $file is missing"
done
if ! (cd "$backup_dir" && sha256sum --check --strict --quiet SHA256SUMS > /dev/null 2>&1); then
    fail "$backup_dir is damaged: a file does not match its SHA-256 sum in SHA256SUMS; nothing was restored"
fi
$PG_RESTORE --list < "$backup_dir/database.dump" > /dev/null 2>&1 \
    || fail "$backup_dir/database.dump is not a readable pg_dump archive; nothing was restored"
tar --list --gzip --file="$backup_dir/media.tar.gz" > /dev/null 2>&1 \
    || fail "$backup_dir/media.tar.gz is not a readable archive; nothing was restored"

# 2. The targets are fresh (or --force).
base=${database_url%%\?*}
query=${database_url#"$base"}  # e.g. ?sslmode=require, kept for the server's own database
name=${base##*/}
maintenance=${base%/*}/postgres$query
[ -n "$name" ] || fail "no database name in $database_url"
case $name in
    *[!A-Za-z0-9_-]*) fail "unexpected characters in the database name $name" ;;
esac
exists=$($PSQL "$maintenance" -XAtq -v ON_ERROR_STOP=1 \
    -c "SELECT 1 FROM pg_database WHERE datname = '$name'")
if [ -z "$exists" ]; then
    $PSQL "$maintenance" -Xq -v ON_ERROR_STOP=1 -c "CREATE DATABASE \"$name\""
else
    tables=$($PSQL "$database_url" -XAtq -v ON_ERROR_STOP=1 -c \
        "SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')")
    if [ "$tables" != 0 ] && [ "$force" != yes ]; then
        fail "database $name already has $tables tables; restore into a new database, or pass --force to overwrite it"
    fi
fi
mkdir -p "$media_dir"
if [ -n "$(ls -A "$media_dir")" ] && [ "$force" != yes ]; then
    fail "media folder $media_dir is not empty; restore into an empty folder, or pass --force to write over it"
fi

# 3. Restore: the database in one transaction (all or nothing), then the files.
options=(--no-owner --no-privileges --exit-on-error --single-transaction)
[ "$force" = yes ] && options+=(--clean --if-exists)
$PG_RESTORE "${options[@]}" --dbname="$database_url" < "$backup_dir/database.dump"
tar --extract --gzip --file="$backup_dir/media.tar.gz" --directory="$media_dir" \
    --no-same-owner
echo "restore: $name and $media_dir restored from $backup_dir ($(sed -n 's/^created: //p' "$backup_dir/MANIFEST"))"

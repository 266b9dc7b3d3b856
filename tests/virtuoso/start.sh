#!/usr/bin/env bash
# Starts a throwaway Virtuoso (Debian's virtuoso-opensource) on loopback for the push test.
# Usage: start.sh DIR SQL_PORT HTTP_PORT   — prints the server's pid; stop it with kill.
# Every file lives in DIR (its own database, log, lock and transaction files).
set -euo pipefail
dir="$1"; sql_port="$2"; http_port="$3"
ini_src=/etc/virtuoso-opensource-7/virtuoso.ini
mkdir -p "$dir"
sed -e "/^\[Database\]/,/^\[/ s#^DatabaseFile *=.*#DatabaseFile = $dir/virtuoso.db#" \
    -e "/^\[Database\]/,/^\[/ s#^ErrorLogFile *=.*#ErrorLogFile = $dir/virtuoso.log#" \
    -e "/^\[Database\]/,/^\[/ s#^LockFile *=.*#LockFile = $dir/virtuoso.lck#" \
    -e "/^\[Database\]/,/^\[/ s#^TransactionFile *=.*#TransactionFile = $dir/virtuoso.trx#" \
    -e "/^\[Database\]/,/^\[/ s#^xa_persistent_file *=.*#xa_persistent_file = $dir/virtuoso.pxa#" \
    -e "/^\[TempDatabase\]/,/^\[/ s#^DatabaseFile *=.*#DatabaseFile = $dir/virtuoso-temp.db#" \
    -e "/^\[TempDatabase\]/,/^\[/ s#^TransactionFile *=.*#TransactionFile = $dir/virtuoso-temp.trx#" \
    -e "/^\[Parameters\]/,/^\[/ s#^ServerPort *=.*#ServerPort = $sql_port#" \
    -e "/^\[HTTPServer\]/,/^\[/ s#^ServerPort *=.*#ServerPort = $http_port#" \
    "$ini_src" > "$dir/virtuoso.ini"
cd "$dir"
virtuoso-t +configfile "$dir/virtuoso.ini" +wait >"$dir/start.log" 2>&1
# +wait returns once the server is online; its pid is in the lock file's directory listing.
pgrep -f "virtuoso-t \+configfile $dir/virtuoso.ini" | head -1

#!/usr/bin/env bash
# Install the Debian packages the tests use, only those missing.
#
# Idempotent and cheap when everything is there: each package is probed by a file it
# installs, so `make test` on a prepared machine spends milliseconds here. When something
# is missing it runs `apt-get update` once, then installs only what is missing. Several
# checkouts on one machine may run this at once: a lock makes them take turns, and each
# probes again once it holds the lock.
set -euo pipefail

# package|the file that shows it is installed|who needs it
PACKAGES=(
    "docker-compose|/usr/bin/docker-compose|tests/test_deployment.py (docker-compose config)"
    "postgresql-15|/usr/lib/postgresql/15/bin/initdb|the throwaway PostgreSQL server of the tests"
    "redis-server|/usr/bin/redis-server|Celery's broker in tests/celery_cluster.py (the CeleryExecutor test)"
    "chromium|/usr/bin/chromium|rendering the HTML review report headless"
    "fonts-noto-cjk|/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc|Chinese text in that rendering"
)
LOCK=/tmp/statswh-install-system-packages.lock

missing_packages() {
    local entry package probe
    for entry in "${PACKAGES[@]}"; do
        IFS='|' read -r package probe _ <<< "$entry"
        [ -e "$probe" ] || echo "$package"
    done
}

mapfile -t missing < <(missing_packages)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo > /dev/null; then
        exec sudo "$0" "$@"
    fi
    echo "install_system_packages: missing ${missing[*]}; run this script as root" \
        "(or: apt-get install -y ${missing[*]})" >&2
    exit 1
fi

exec 9> "$LOCK"
flock 9
mapfile -t missing < <(missing_packages)
[ ${#missing[@]} -eq 0 ] && exit 0

echo "install_system_packages: installing ${missing[*]} ..."
export DEBIAN_FRONTEND=noninteractive
apt_options=(-qq -o DPkg::Lock::Timeout=600)
apt-get "${apt_options[@]}" update
apt-get "${apt_options[@]}" install -y --no-install-recommends "${missing[@]}" > /dev/null

mapfile -t still_missing < <(missing_packages)
if [ ${#still_missing[@]} -gt 0 ]; then
    echo "install_system_packages: ${still_missing[*]} installed but their files are not" \
        "where the tests look (see PACKAGES in $0)" >&2
    exit 1
fi
echo "install_system_packages: done"

# What scripts/wordpress and scripts/network share (sourced, not run): Debian's packages, the one
# MariaDB server on a socket, secrets kept in a state dir, and Apache processes stopped by PID.
# The functions read the sourcing script's globals: $state (its state dir), $say_as (its name).

socket=/run/mysqld/mysqld.sock
packages=(wordpress mariadb-server php-cli php-mysql libapache2-mod-php php-curl php-xml curl
  php-mbstring php-gd php-intl php-zip)

say() { printf '%s: %s\n' "$say_as" "$*" >&2; }
die() { say "$*"; exit 1; }

sql() { mariadb --socket="$socket" "$@"; }

install_packages() {
  local missing=()
  for p in "${packages[@]}"; do
    [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" = 'install ok installed' ] || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return
  say "installing ${missing[*]}"
  [ "$(id -u)" = 0 ] || die "installing packages needs root"
  if [ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -print -quit 2>/dev/null)" ]; then
    apt-get update -q
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
}

mariadb_alive() { mariadb-admin --socket="$socket" ping >/dev/null 2>&1; }

# Runs a daemon without the descriptors this script inherited: a caller that holds a lock file open
# (flock around `up`, as the test bed's users do) would otherwise stay locked for the daemon's life.
without_inherited_fds() {
  local fd
  for fd in /proc/"$BASHPID"/fd/*; do
    fd=${fd##*/}
    if [ "$fd" -gt 2 ] && [ "$fd" -ne 255 ]; then eval "exec $fd>&-" 2>/dev/null || true; fi
  done
  exec "$@"
}

# Starts MariaDB unless it runs; the PID of one started here goes to $state/mariadb.pid (what `down` stops).
start_mariadb() {
  mariadb_alive && return
  install -d -o mysql -g mysql /run/mysqld
  local pidfile=/run/mysqld/pressdav-testbed.pid
  say "starting MariaDB"
  (without_inherited_fds setsid mariadbd --user=mysql --skip-networking --socket="$socket" --pid-file="$pidfile") \
    >>"$state/mariadb.log" 2>&1 < /dev/null &
  for _ in $(seq 1 100); do mariadb_alive && break; sleep 0.2; done
  mariadb_alive || die "MariaDB did not start; see $state/mariadb.log"
  cp "$pidfile" "$state/mariadb.pid"
}

secret() {  # a random value kept in the state dir, so a second `up` keeps the same one
  local file="$state/secrets/$1"
  [ -s "$file" ] || (umask 077; php -r 'echo bin2hex(random_bytes(24));' > "$file")
  cat "$file"
}

# The salts of a wp-config file, one define a line, kept in the state dir's secrets.
wp_salts() {
  local name
  for name in AUTH_KEY SECURE_AUTH_KEY LOGGED_IN_KEY NONCE_KEY AUTH_SALT SECURE_AUTH_SALT LOGGED_IN_SALT NONCE_SALT; do
    echo "define('$name', '$(secret "salt-$name")');"
  done
}

# The wp-config of one site (Debian's wp-config.php picks it by the request's host), with the lines
# of stdin added: write_wp_config_file FILE DB DB_USER URL CONTENT_DIR DEBUG_LOG
write_wp_config_file() {
  local file=$1 db=$2 user=$3 url=$4 content=$5 log=$6
  install -d /etc/wordpress
  cat > "$file.tmp" <<PHP
<?php
// Written by pressdav's scripts/$say_as; rewritten on every 'up'.
define('DB_NAME', '$db');
define('DB_USER', '$user');
define('DB_PASSWORD', '$(secret db-password)');
define('DB_HOST', 'localhost:$socket');
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
define('WP_CONTENT_DIR', '$content');
define('WP_CONTENT_URL', '$url/wp-content');
define('WP_ENVIRONMENT_TYPE', 'local'); // application passwords over plain HTTP
define('DISABLE_WP_CRON', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_HTTP_BLOCK_EXTERNAL', true); // this machine reaches no other site
define('FS_METHOD', 'direct');
// Every PHP notice and deprecation goes to a log the tests read (never into an answer).
define('WP_DEBUG', true);
define('WP_DEBUG_DISPLAY', false);
define('WP_DEBUG_LOG', '$log');
$(cat)
$(wp_salts)
PHP
  chown root:www-data "$file.tmp"
  chmod 640 "$file.tmp"
  mv "$file.tmp" "$file"
}

# A database and its user (the password a secret of the state dir): prepare_database DB USER
prepare_database() {
  sql <<SQL
CREATE DATABASE IF NOT EXISTS $1 CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS '$2'@'localhost' IDENTIFIED BY '$(secret db-password)';
ALTER USER '$2'@'localhost' IDENTIFIED BY '$(secret db-password)';
GRANT ALL ON $1.* TO '$2'@'localhost';
SQL
}

php_module() {
  local so
  so=$(ls /usr/lib/apache2/modules/libphp*.so 2>/dev/null | head -n 1)
  [ -n "$so" ] || die "libapache2-mod-php is not installed"
  echo "$so"
}

# An Apache serving Debian's WordPress on one address, all of its files in one directory:
#   apache_config DIR HOST PORT CONTENT MEMORY_LIMIT SERVERS < REWRITE_RULES   (prints the config)
apache_config() {
  local dir=$1 host=$2 port=$3 content=$4 memory=$5 servers=$6 m=/usr/lib/apache2/modules
  cat <<CONF
# Written by pressdav's scripts/$say_as; rewritten on every 'up'.
ServerRoot $dir
ServerName $host
Listen $host:$port
PidFile $dir/apache.pid
DefaultRuntimeDir $dir/run
ErrorLog $dir/apache-error.log
LogFormat "%h %t \"%r\" %>s %b %Dus" timed
CustomLog $dir/apache-access.log timed
User www-data
Group www-data
LoadModule mpm_prefork_module $m/mod_mpm_prefork.so
LoadModule authz_core_module $m/mod_authz_core.so
LoadModule alias_module $m/mod_alias.so
LoadModule dir_module $m/mod_dir.so
LoadModule mime_module $m/mod_mime.so
LoadModule rewrite_module $m/mod_rewrite.so
LoadModule setenvif_module $m/mod_setenvif.so
LoadModule php_module $(php_module)
StartServers $servers
MinSpareServers $servers
MaxSpareServers 16
MaxRequestWorkers 32
KeepAlive On
TypesConfig /etc/mime.types
DirectoryIndex index.php index.html
<FilesMatch "\.php\$">
  SetHandler application/x-httpd-php
</FilesMatch>
php_admin_value post_max_size 1G
php_admin_value upload_max_filesize 1G
php_admin_value memory_limit $memory
<Directory />
  AllowOverride None
  Require all denied
</Directory>
DocumentRoot /usr/share/wordpress
<Directory /usr/share/wordpress>
  Options FollowSymLinks
  Require all granted
  RewriteEngine On
  RewriteBase /
$(cat)
</Directory>
Alias /wp-content $content
<Directory $content>
  Options FollowSymLinks
  Require all granted
</Directory>
CONF
}

# WordPress's rewrite rules of a single site: what is no file goes to index.php.
single_site_rewrites() {
  cat <<'RULES'
  RewriteRule ^index\.php$ - [L]
  RewriteCond %{REQUEST_FILENAME} !-f
  RewriteCond %{REQUEST_FILENAME} !-d
  RewriteRule . /index.php [L]
RULES
}

apache_alive_in() { [ -s "$1/apache.pid" ] && kill -0 "$(cat "$1/apache.pid")" 2>/dev/null; }

# Starts the Apache of DIR/apache.conf unless it runs, and waits until WordPress answers at URL.
start_apache_in() {
  local dir=$1 url=$2
  apache_alive_in "$dir" && return
  install -d "$dir/run"
  say "starting Apache on $url"
  (without_inherited_fds apache2 -f "$dir/apache.conf" -k start)
  for _ in $(seq 1 50); do
    curl -fsS -o /dev/null "$url/wp-json/" 2>/dev/null && return
    sleep 0.2
  done
  die "WordPress does not answer on $url; see $dir/apache-error.log"
}

stop_pid_file() {
  local file=$1 what=$2 pid
  [ -s "$file" ] || return 0
  pid=$(cat "$file")
  if kill -0 "$pid" 2>/dev/null; then
    say "stopping $what ($pid)"
    kill "$pid"
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
  fi
  rm -f "$file"
}

# Writes the env file FILE from PHP that prints [KEY => value, ...] as JSON on stdin, shell-quoted as the tests read it.
write_env_file() {
  php -r '
    $q = fn($v) => "\x27" . str_replace("\x27", "\x27\\\x27\x27", (string) $v) . "\x27";
    foreach (json_decode(stream_get_contents(STDIN), true) as $k => $v) {
      echo $k, "=", $q($v), "\n";
    }' > "$1.tmp"
  mv "$1.tmp" "$1"
}

# Sourced by scripts/bench, scripts/cpu-per-request and scripts/jetty-floors: what their runs share.

# a loopback port free now (the kernel's pick), for a server about to bind it; with the python scripts/bench chose
free_port() { "${PYTHON:-python3}" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# median "N N N ...": the middle number, or the mean of the two middle ones for an even count
median() { tr ' ' '\n' <<<"$1" | grep . | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

# write_upstream_conf DIR PORT: DIR/nginx.conf for the slow upstream, nginx with the echo module answering
# GET /slow after 1 s on 127.0.0.1:PORT, under the current open-file limit; DIR/logs and DIR/tmp must exist
write_upstream_conf() {
    local dir=$1 port=$2
    cat >"$dir/nginx.conf" <<CONF
# Written by scripts/bench or scripts/jetty-floors: answers GET /slow after 1 s, the stand-in for a slow API.
load_module /usr/lib/nginx/modules/ngx_http_echo_module.so;
daemon off;
worker_processes 1;
worker_rlimit_nofile $(ulimit -n);
pid $dir/nginx.pid;
error_log $dir/logs/error.log warn;
events { worker_connections $(ulimit -n); }
http {
    access_log off;
    client_body_temp_path $dir/tmp/body;
    proxy_temp_path $dir/tmp/proxy;
    fastcgi_temp_path $dir/tmp/fastcgi;
    uwsgi_temp_path $dir/tmp/uwsgi;
    scgi_temp_path $dir/tmp/scgi;
    keepalive_requests 1000000;
    server {
        listen 127.0.0.1:$port backlog=16384;
        location /slow { default_type text/plain; echo_sleep 1.0; echo ok; }
    }
}
CONF
}

# make_jetty_base HOME DIR WAR MODULES [LOG]: a new jetty.base in DIR (emptied first) for the jetty-home in HOME, with
# the comma-separated MODULES and WAR deployed at /; start.jar's output goes to LOG (DIR.log). Each script makes the
# base it measures: one shared under bench-out/run was rewritten by whichever bench row ran last (the slow rows'
# upstream WAR on virtual threads), and a later hello measurement then started that.
make_jetty_base() {
    local home=$1 dir=$2 war=$3 modules=$4 log=${5:-$2.log}
    rm -rf "$dir"; mkdir -p "$dir/tmp"
    (cd "$dir" && "$JAVA_HOME/bin/java" -jar "$home/start.jar" jetty.home="$home" jetty.base="$dir" --add-modules="$modules") \
        >"$log" 2>&1 || return
    cp "$war" "$dir/webapps/root.war"
}

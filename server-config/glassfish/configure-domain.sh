#!/usr/bin/env bash
# Edits a fresh GlassFish 7 domain's domain.xml before its first start (bin/run-server glassfish):
# the server's network listeners bind to 127.0.0.1 only, responses do not name the server (no
# X-Powered-By, no Server header, as Payara with server-config/pre-boot-commands.asadmin), and each
# further argument (-Dkey=value, Herald's settings) becomes a JVM option of the server. Usage: configure-domain.sh DOMAIN_XML [-Dk=v ...]
set -euo pipefail
xml="$1"
shift
# address= on each <network-listener> that has none (server-config's http-listener-1, -2, admin).
sed -i '/address=/!s|<network-listener |<network-listener address="127.0.0.1" |' "$xml"
# No X-Powered-By from any HTTP protocol; GlassFish 7.0 has no server-header switch, but an empty
# product.name (a JVM option below) leaves the Server header out.
sed -i '/xpowered-by=/!s|<http |<http xpowered-by="false" |' "$xml"
set -- "$@" -Dproduct.name=
# JVM options go into the first <java-config> (server-config, the one the domain runs with).
opts=""
for o in "$@"; do
  o="${o//&/&amp;}"
  o="${o//</&lt;}"
  opts+="<jvm-options>$o</jvm-options>"
done
OPTS="$opts" awk '!done && /<\/java-config>/ { sub(/<\/java-config>/, ENVIRON["OPTS"] "</java-config>"); done = 1 } { print }' \
  "$xml" > "$xml.new"
mv "$xml.new" "$xml"

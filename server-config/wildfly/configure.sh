#!/usr/bin/env bash
# Edits a fresh WildFly 39 instance's standalone-microprofile.xml before its first start
# (bin/run-server wildfly), as `jboss-cli.sh` would with
#   /subsystem=undertow/application-security-domain=other:write-attribute(name=integrated-jaspi,value=false)
# so that an application's own Jakarta Security mechanism (an HttpAuthenticationMechanism that logs
# its callers in with notifyContainerAboutLogin) can log in callers WildFly's realm does not know:
# with integrated-jaspi on (WildFly's default) Elytron looks each caller up in ApplicationRealm and
# refuses the unknown ones ("ELY01177: Authorization failed", answered 500); off, it makes an
# ad-hoc identity with the groups the mechanism gave, which become its roles, as on Payara.
# Usage: configure.sh STANDALONE_XML
set -euo pipefail
xml="$1"
sed -i '/integrated-jaspi=/!s|<application-security-domain name="other" |<application-security-domain name="other" integrated-jaspi="false" |' "$xml"
grep -q '<application-security-domain name="other" integrated-jaspi="false"' "$xml" || {
  echo "configure.sh: no application-security-domain \"other\" in $xml" >&2
  exit 1
}

#!/bin/sh
set -e
: "${BMC_NODE:?set BMC_NODE to the container this BMC powers}"
: "${BMC_USER:=admin}" "${BMC_PASS:?set BMC_PASS to the password the fence agent logs in with}"
mkdir -p /var/lib/ipmi_sim            # state dir must exist (users/SEL/lanparm persist here)
sed -e "s|@NODE@|$BMC_NODE|g" -e "s|@USER@|$BMC_USER|g" -e "s|@PASS@|$BMC_PASS|g" \
    /opt/bmc/lan.conf > /etc/ipmi/lan.conf
exec ipmi_sim -n -c /etc/ipmi/lan.conf -f /opt/bmc/bmc.emu -s /var/lib/ipmi_sim "$@"

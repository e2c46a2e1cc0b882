Hello ${greeting}.
OS family: ${ansible_os_family}

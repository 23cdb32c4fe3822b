/** Administration views of the runtime: modules (lsmod/modinfo), module events (dmesg), robots. */
@Version("0.6.0")
package org.cogos.api.admin;

import org.osgi.annotation.versioning.Version;

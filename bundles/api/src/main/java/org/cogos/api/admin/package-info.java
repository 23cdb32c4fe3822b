/** Administration views of the runtime: modules (lsmod/modinfo), module events (dmesg), robots. */
package org.cogos.api.admin;

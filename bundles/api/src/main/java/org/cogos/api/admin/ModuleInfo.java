package org.cogos.api.admin;

import java.util.List;

/**
 * Static facts about a module, read from its bundle's manifest and Metatype (what {@code modinfo} shows).
 *
 * @param name        module name ({@code Cogos-Module} header)
 * @param version     bundle version
 * @param description {@code Bundle-Description}
 * @param author      {@code Bundle-Vendor}
 * @param license     {@code Bundle-License}
 * @param bundleId    OSGi bundle id
 * @param location    where it was installed from
 * @param pid         configuration PID of its parameters, or empty when it has none
 * @param params      its parameters
 * @param depends     modules it needs ({@code Cogos-Depends} header)
 * @param signer      who signed its bundle, as {@code modinfo} shows {@code sig_key}: the certificate's subject and
 *                    fingerprint when trusted; else why not ({@code unsigned}, {@code not trusted: ...})
 */
public record ModuleInfo(String name, String version, String description, String author, String license,
        long bundleId, String location, String pid, List<ModuleParam> params, List<String> depends, String signer) {

    public ModuleInfo {
        params = List.copyOf(params);
        depends = List.copyOf(depends);
    }
}

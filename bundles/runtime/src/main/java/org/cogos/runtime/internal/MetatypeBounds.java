package org.cogos.runtime.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Enumeration;
import java.util.Optional;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.osgi.framework.Bundle;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The {@code min} and {@code max} a module's Metatype declares for a parameter, read from the bundle's
 * {@code OSGI-INF/metatype/*.xml}: the standard {@code AttributeDefinition} only says whether a value passes, not
 * the bounds, and {@code cog:param} words a refusal with them exactly as the module's own check does.
 */
final class MetatypeBounds {

    record Bounds(String min, String max) {
    }

    private MetatypeBounds() {
    }

    /** @return the declared bounds, or empty when the parameter has not both, or the Metatype cannot be read */
    static Optional<Bounds> of(Bundle bundle, String pid, String key) {
        Enumeration<URL> files = bundle.findEntries("OSGI-INF/metatype", "*.xml", false);
        while (files != null && files.hasMoreElements()) {
            Optional<Bounds> found = read(files.nextElement(), pid, key);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static Optional<Bounds> read(URL file, String pid, String key) {
        try (InputStream in = file.openStream()) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            // The file is the bundle's own, but no XML parser here resolves anything outside it.
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document document = factory.newDocumentBuilder().parse(in);
            NodeList ocds = document.getElementsByTagName("OCD");
            for (int i = 0; i < ocds.getLength(); i++) {
                Element ocd = (Element) ocds.item(i);
                if (!pid.equals(ocd.getAttribute("id"))) {
                    continue;
                }
                NodeList ads = ocd.getElementsByTagName("AD");
                for (int j = 0; j < ads.getLength(); j++) {
                    Element ad = (Element) ads.item(j);
                    if (key.equals(ad.getAttribute("id")) && ad.hasAttribute("min") && ad.hasAttribute("max")) {
                        return Optional.of(new Bounds(ad.getAttribute("min"), ad.getAttribute("max")));
                    }
                }
            }
            return Optional.empty();
        } catch (IOException | ParserConfigurationException | SAXException e) {
            return Optional.empty(); // cog:param then says what the Metatype service said instead
        }
    }
}

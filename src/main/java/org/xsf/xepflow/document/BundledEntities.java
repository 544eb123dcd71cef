package org.xsf.xepflow.document;

import java.io.StringReader;
import java.util.Set;
import org.xml.sax.InputSource;
import org.xml.sax.ext.EntityResolver2;

/**
 * Resolves the XSF's xep.dtd and xep.ent, which every XEP pulls in through its DOCTYPE, to the
 * copies bundled with xepflow, and refuses every other external entity or DTD: nothing is ever read
 * from the file system or the network on behalf of a document.
 */
final class BundledEntities implements EntityResolver2 {
  private static final Set<String> BUNDLED = Set.of("xep.dtd", "xep.ent");
  static final EntityDeclarations XEP_ENT = EntityDeclarations.load("xep.ent");
  private final byte[] document;

  BundledEntities(byte[] document) {
    this.document = document;
  }

  @Override
  public InputSource resolveEntity(String name, String publicId, String baseUri, String systemId) {
    if (systemId == null) {
      return null;
    }
    String file = systemId.substring(systemId.lastIndexOf('/') + 1);
    if (!BUNDLED.contains(file) || systemId.contains(":") && !systemId.startsWith("file:")) {
      throw new DocumentRejectedException("The document refers to the external resource '" + systemId
          + "'; only the XSF's xep.dtd and xep.ent may be referenced.");
    }
    InputSource source = file.equals("xep.ent") ? new InputSource(new StringReader(XEP_ENT.forDocument(document)))
        : new InputSource(BundledEntities.class.getResourceAsStream(file));
    source.setSystemId("xepflow:" + file);
    return source;
  }

  @Override
  public InputSource resolveEntity(String publicId, String systemId) {
    return resolveEntity(null, publicId, null, systemId);
  }

  @Override
  public InputSource getExternalSubset(String name, String baseUri) {
    return null;
  }
}

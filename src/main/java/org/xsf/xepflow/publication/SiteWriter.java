package org.xsf.xepflow.publication;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Writes published documents into the site folder served at /extensions/: the inbox of ProtoXEPs
 * and the canonical XEPs. Files are replaced atomically so readers never see half a document.
 */
@Component
public class SiteWriter {
  private final Path extensions;
  private final String baseUrl;

  public SiteWriter(@Value("${xepflow.site.dir}") Path siteDir,
      @Value("${xepflow.site.base-url}") String baseUrl) {
    this.extensions = siteDir.resolve("extensions");
    this.baseUrl = baseUrl.replaceAll("/+$", "");
  }

  /** Publishes a ProtoXEP to extensions/inbox/ and returns its public address. */
  public String publishToInbox(String inboxName, String document) {
    return write("inbox/" + inboxName + ".xml", document);
  }

  /** Publishes a XEP's current version to extensions/xep-NNNN.xml and returns its address. */
  public String publishXep(int number, String document) {
    return write("xep-%04d.xml".formatted(number), document);
  }

  /** Publishes a provisional version of a Draft XEP to extensions/tmp/ (XEP-0001 section 8.1). */
  public String publishProvisionally(int number, String version, String document) {
    return write("tmp/xep-%04d-%s.xml".formatted(number, version.replaceAll("[^0-9A-Za-z.]", "_")), document);
  }

  public String url(String relative) {
    return baseUrl + "/extensions/" + relative;
  }

  private String write(String relative, String document) {
    Path target = extensions.resolve(relative);
    try {
      Files.createDirectories(target.getParent());
      Path temp = Files.createTempFile(target.getParent(), ".publish", ".tmp");
      Files.writeString(temp, document, StandardCharsets.UTF_8);
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not publish " + relative, e);
    }
    return url(relative);
  }
}

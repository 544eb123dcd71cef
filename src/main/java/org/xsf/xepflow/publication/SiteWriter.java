package org.xsf.xepflow.publication;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.w3c.dom.Document;
import org.xsf.xepflow.registry.Xep;
import org.xsf.xepflow.registry.XepVersion;

/**
 * Writes the published site served at /extensions/: each XEP's current version (xep-NNNN.html and
 * .xml), every version ever published (attic/), the inbox of ProtoXEPs and provisional changes
 * (tmp/, until approved or withdrawn); and, served at /registrar/, the XMPP Registrar's registries.
 * Files are replaced atomically so readers never see half a page.
 */
@Component
public class SiteWriter {
  /**
   * A provisional version's page or document in tmp/: its name without the extension ({@link #provisional}) is
   * the first group, the XEP's number the second.
   */
  private static final Pattern PROVISIONAL_FILE = Pattern.compile("(xep-(\\d{4,9})-.+)\\.(?:html|xml)");
  private final Path extensions;
  private final Path registrar;
  private final String baseUrl;
  private final XepRenderer renderer;

  public SiteWriter(@Value("${xepflow.site.dir}") Path siteDir,
      @Value("${xepflow.site.base-url}") String baseUrl, XepRenderer renderer) {
    this.extensions = siteDir.resolve("extensions");
    this.registrar = siteDir.resolve("registrar");
    this.baseUrl = baseUrl.replaceAll("/+$", "");
    this.renderer = renderer;
  }

  /** Publishes a ProtoXEP to extensions/inbox/ and returns the address of its page. */
  public String publishToInbox(String inboxName, String document) {
    write("inbox/" + inboxName + ".xml", document);
    write("inbox/" + inboxName + ".html", renderer.render(document, "ProtoXEP " + inboxName, "", "ProtoXEP",
        "This is a ProtoXEP: a proposal not yet accepted as a XEP."));
    return url("inbox/" + inboxName + ".html");
  }

  /**
   * The pages of a XEP's current version, rendered while its data is at hand, for {@link #write};
   * without an attic page (null) and, when only the status cell changed, without the document (null)
   * after a change of status.
   */
  public record XepPages(int number, String version, String status, String document, String page, String atticPage) {
    /** A new version: its source, its XML and its attic copy are published too. */
    boolean newVersion() {
      return atticPage != null;
    }
  }

  /** @param newVersion with the attic page, or only the page at the XEP's canonical address */
  XepPages pages(Xep xep, boolean newVersion) {
    XepVersion current = xep.currentVersion();
    String status = xep.getStatus().name();
    Document document = renderer.parse(current.getDocument());
    String page = renderer.render(document, xep.label(), current.getVersion(), status, null, current.isEditorial());
    String atticPage = newVersion ? renderer.render(document, xep.label(), current.getVersion(), status,
        "Version " + current.getVersion() + " of " + xep.label() + ", kept in the attic.", current.isEditorial()) : null;
    return new XepPages(xep.getNumber(), current.getVersion(), status, current.getDocument(), page, atticPage);
  }

  /**
   * After a change of status: the published page with its status cell rewritten when it shows the
   * current version, without reading the document; rendered from it otherwise.
   */
  XepPages statusPage(Xep xep, String currentVersion) {
    String page = published(canonical(xep.getNumber()) + ".html");
    page = page == null ? null : renderer.withStatus(page, currentVersion, xep.getStatus().name());
    return page == null ? pages(xep, false)
        : new XepPages(xep.getNumber(), currentVersion, xep.getStatus().name(), null, page, null);
  }

  void write(XepPages pages) {
    write(pages, true, true);
  }

  /**
   * @param page the page at the XEP's address too (not when a later change's is there)
   * @param document the document at the XEP's address too (not when a later version's is there); a new
   *     version's attic copy is written either way, as every version published is kept there
   */
  void write(XepPages pages, boolean page, boolean document) {
    if (pages.newVersion() && document) {
      write(canonical(pages.number()) + ".xml", pages.document());
    }
    if (page) {
      write(canonical(pages.number()) + ".html", pages.page());
    }
    if (pages.newVersion()) {
      String attic = "attic/" + canonical(pages.number()) + "-" + inFileName(pages.version());
      write(attic + ".xml", pages.document());
      write(attic + ".html", pages.atticPage());
    }
  }

  /**
   * A provisional version of a Draft XEP (XEP-0001 section 8.1), its document and its page for extensions/tmp/,
   * rendered while its data is at hand, for {@link #write(ProvisionalCopy)}.
   */
  public record ProvisionalCopy(int number, String version, String document, String page) {
  }

  ProvisionalCopy provisionalCopy(Xep xep, String version, String document) {
    return new ProvisionalCopy(xep.getNumber(), version, document, renderer.render(document, xep.label(), version,
        xep.getStatus().name(), "Provisional version: published for discussion, official only after the XMPP Council approves it."));
  }

  void write(ProvisionalCopy copy) {
    String name = provisional(copy.number(), copy.version());
    write(name + ".xml", copy.document());
    write(name + ".html", copy.page());
  }

  /** The address of a provisional version's page in tmp/. */
  String provisionalUrl(int number, String version) {
    return url(provisional(number, version) + ".html");
  }

  /** Both the page and the document of the provisional version are in tmp/. */
  boolean hasProvisional(int number, String version) {
    String name = provisional(number, version);
    return exists(name + ".html") && exists(name + ".xml");
  }

  /**
   * The copies in tmp/ of a XEP's ended versions (approved or withdrawn), page and document, go if they are
   * there, but one that is also a pending version's (two versions written alike in a file name, 1.1-1 and 1.1_1).
   */
  void removeProvisionals(int number, Collection<String> ended, Collection<String> pending) {
    removeProvisionalsBut(number, ended.stream().map(version -> provisional(number, version)).toList(), pending);
  }

  private void removeProvisional(String name) {
    for (String file : new String[] {name + ".html", name + ".xml"}) {
      try {
        Files.deleteIfExists(extensions.resolve(file));
      } catch (IOException e) {
        throw new UncheckedIOException("Could not remove " + file, e);
      }
    }
  }

  /**
   * Of these copies in tmp/ of a XEP ({@link #provisionalsInTmp}), page and document, those that are no pending
   * version's go (two versions written alike in a file name, 1.1-1 and 1.1_1, share one).
   */
  void removeProvisionalsBut(int number, Collection<String> copies, Collection<String> pending) {
    Set<String> kept = pending.stream().map(version -> provisional(number, version)).collect(Collectors.toSet());
    copies.stream().filter(name -> !kept.contains(name)).forEach(this::removeProvisional);
  }

  /** The copies in tmp/ by XEP number, each named as {@link #provisional} names it, its page and document alike. */
  Map<Integer, Set<String>> provisionalsInTmp() {
    Path tmp = extensions.resolve("tmp");
    if (!Files.isDirectory(tmp)) {
      return Map.of();
    }
    try (Stream<Path> files = Files.list(tmp)) {
      return files.map(file -> PROVISIONAL_FILE.matcher(file.getFileName().toString())).filter(Matcher::matches)
          .collect(Collectors.groupingBy(name -> Integer.valueOf(name.group(2)), TreeMap::new,
              Collectors.mapping(name -> "tmp/" + name.group(1), Collectors.toCollection(TreeSet::new))));
    } catch (IOException e) {
      throw new UncheckedIOException("Could not list " + tmp, e);
    }
  }

  public String xepUrl(int number) {
    return url(canonical(number) + ".html");
  }

  public String url(String relative) {
    return baseUrl + "/extensions/" + relative;
  }

  /** A page as it was published, or null when there is none or it cannot be read (it is rendered then). */
  private String published(String relative) {
    try {
      return Files.readString(extensions.resolve(relative), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return null;
    }
  }

  boolean exists(String relative) {
    return Files.exists(extensions.resolve(relative));
  }

  void writeFile(String relative, String content) {
    write(relative, content);
  }

  /** A registry of the XMPP Registrar, in registrar/ beside extensions/ (as xmpp.org/registrar/). */
  void writeRegistry(String name, String content) {
    write(registrar, name, content);
  }

  private static String canonical(int number) {
    return "xep-%04d".formatted(number);
  }

  private static String provisional(int number, String version) {
    return "tmp/" + canonical(number) + "-" + inFileName(version);
  }

  /** A version as its copies' file names write it (attic/, tmp/): 1.1-1 and 1.1_1 alike. */
  public static String inFileName(String version) {
    return version.replaceAll("[^0-9A-Za-z.]", "_");
  }

  private void write(String relative, String content) {
    write(extensions, relative, content);
  }

  private static void write(Path folder, String relative, String content) {
    Path target = folder.resolve(relative);
    try {
      Files.createDirectories(target.getParent());
      Path temp = Files.createTempFile(target.getParent(), ".publish", ".tmp");
      Files.writeString(temp, content, StandardCharsets.UTF_8);
      if (temp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        // a published page is for everyone, e.g. a web server running as another user
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
      }
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not publish " + relative, e);
    }
  }
}

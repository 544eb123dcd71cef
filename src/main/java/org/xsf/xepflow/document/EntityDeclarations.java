package org.xsf.xepflow.document;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The XSF's xep.ent, served to each document with only the declarations it uses. The file declares
 * ~1,200 entities and a document uses a few dozen: reading all of them was most of the time of
 * every format check and every rendering of a page. The declarations served are the file's own,
 * in its order, so a document reads exactly as with the whole file.
 */
final class EntityDeclarations {
  /** A comment or a declaration, after white space: the file is read as a sequence of these. */
  private static final Pattern NEXT = Pattern.compile(
      "\\s*(?:<!--.*?-->|<!ENTITY\\s+([^\\s%\"']+)\\s+(?:\"[^\"]*\"|'[^']*')\\s*>)", Pattern.DOTALL);
  private static final Pattern REFERENCE = Pattern.compile("&([^\\s&;#<>\"']+);");

  private final String whole;
  /** Null when the file holds something other than simple declarations: then it is served whole. */
  private final Map<String, String> declarations;

  private EntityDeclarations(String whole, Map<String, String> declarations) {
    this.whole = whole;
    this.declarations = declarations;
  }

  static EntityDeclarations load(String resource) {
    try (InputStream in = EntityDeclarations.class.getResourceAsStream(resource)) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      Map<String, String> declarations = new LinkedHashMap<>();
      Matcher m = NEXT.matcher(text);
      int at = 0;
      while (at < text.length() && m.region(at, text.length()).lookingAt()) {
        if (m.group(1) != null) {
          // the first declaration of a name is the one that counts (XML 1.0 section 4.2)
          declarations.putIfAbsent(m.group(1), m.group().strip());
        }
        at = m.end();
      }
      boolean simple = text.substring(at).isBlank();
      return new EntityDeclarations(text, simple ? declarations : null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether the file declares this entity (when it holds only simple declarations, else no one knows). */
  boolean declares(String name) {
    return declarations != null && declarations.containsKey(name);
  }

  /** The declarations of the entities the document refers to, and of those they refer to. */
  String forDocument(byte[] document) {
    if (declarations == null || !asciiCompatible(document)) {
      return whole;
    }
    Map<String, String> needed = new LinkedHashMap<>();
    Deque<String> texts = new ArrayDeque<>();
    texts.push(new String(document, StandardCharsets.ISO_8859_1));
    while (!texts.isEmpty()) {
      Matcher m = REFERENCE.matcher(texts.pop());
      while (m.find()) {
        String declaration = declarations.get(m.group(1));
        if (declaration != null && needed.putIfAbsent(m.group(1), declaration) == null) {
          texts.push(declaration);
        }
      }
    }
    StringBuilder subset = new StringBuilder();
    declarations.forEach((name, declaration) -> {
      if (needed.containsKey(name)) {
        subset.append(declaration).append('\n');
      }
    });
    return subset.toString();
  }

  /** Entity names are ASCII: found in the bytes of UTF-8 and single-byte encodings, not in UTF-16. */
  private static boolean asciiCompatible(byte[] document) {
    for (byte b : document) {
      if (b == 0) {
        return false;
      }
    }
    return true;
  }
}

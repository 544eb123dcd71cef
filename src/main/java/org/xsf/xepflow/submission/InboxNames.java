package org.xsf.xepflow.submission;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.xsf.xepflow.registry.ProtoXepRepository;

/**
 * The file name a ProtoXEP gets in the inbox: its short name when the author chose one, otherwise
 * one made from its title ("Occupant identifiers" -> occupant-identifiers), unique in the inbox.
 */
@Component
public class InboxNames {
  private static final int MAX_LENGTH = 60;
  private final ProtoXepRepository protoXeps;

  public InboxNames(ProtoXepRepository protoXeps) {
    this.protoXeps = protoXeps;
  }

  public String forNew(String shortname, String title) {
    String base = isAssigned(shortname) ? slug(shortname) : slug(title);
    if (base.isEmpty()) {
      base = "protoxep";
    }
    // one query, not one per name tried: the hundredth "protoxep" would otherwise ask a hundred times
    Set<String> taken = protoXeps.findByInboxNameOrInboxNameStartingWith(base, base + "-").stream()
        .map(ProtoXepRepository.InboxName::getInboxName).collect(Collectors.toSet());
    String name = base;
    for (int n = 2; taken.contains(name); n++) {
      name = base + "-" + n;
    }
    return name;
  }

  /** Templates say NOT_YET_ASSIGNED, "N/A" and the like until the Editor assigns one. */
  static boolean isAssigned(String shortname) {
    if (shortname == null) {
      return false;
    }
    String s = shortname.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
    return !s.isEmpty() && !s.equals("notyetassigned") && !s.equals("na") && !s.equals("none");
  }

  static String slug(String text) {
    String ascii = Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFKD)
        .replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
    String slug = ascii.replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    return slug.length() <= MAX_LENGTH ? slug : slug.substring(0, MAX_LENGTH).replaceAll("-+$", "");
  }
}

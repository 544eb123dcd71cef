package org.xsf.xepflow.engine;

import java.util.ArrayList;
import java.util.List;

/** The engine's lists of custom parts, extended without dropping what another plugin put there. */
public final class PluginLists {
  private PluginLists() {
  }

  public static <T> List<T> with(List<? extends T> existing, T added) {
    List<T> all = new ArrayList<>();
    if (existing != null) {
      all.addAll(existing);
    }
    all.add(added);
    return all;
  }
}

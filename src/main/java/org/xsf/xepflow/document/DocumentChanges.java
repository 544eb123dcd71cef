package org.xsf.xepflow.document;

import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.algorithm.Change;
import com.github.difflib.algorithm.DiffAlgorithmListener;
import com.github.difflib.algorithm.myers.MyersDiff;
import com.github.difflib.patch.Patch;
import java.util.List;
import java.util.Locale;

/**
 * What changed between two versions of a XEP's document, as a unified diff (java-diff-utils) for the
 * people who review or vote on the change, bounded whatever the documents: a text of at most
 * {@link #MAX_CHARS} characters, cut with a note that says so, and no line-by-line comparison once more
 * than {@link #MAX_CHANGED_LINES} lines differ (Myers' algorithm takes time and memory with every line
 * that differs: a hostile document of millions of lines would hold the author's request and the heap).
 */
public final class DocumentChanges {
  /** Lines of context around each change, as diff -u gives. */
  static final int CONTEXT_LINES = 3;
  /** A diff for a form's text area, well below the 4 MiB a document may have. */
  public static final int MAX_CHARS = 50_000;
  /** Lines removed and added before the comparison gives up: a diff of more would be cut anyway. */
  static final int MAX_CHANGED_LINES = 2_000;
  /** Kept free for the note that says where the diff was cut. */
  private static final int CUT_NOTE_ROOM = 200;

  private DocumentChanges() {
  }

  /** The changes from {@code from} to {@code to}, their documents named in the diff's header. */
  public static String between(String fromName, String from, String toName, String to) {
    List<String> old = from.lines().toList();
    List<String> changed = to.lines().toList();
    // the lines both documents begin and end with are not compared: the comparison's time and memory grow with
    // the lines it is given (the revision entry is the first change of every new version, often with one near the end)
    int same = 0;
    int shorter = Math.min(old.size(), changed.size());
    while (same < shorter && old.get(same).equals(changed.get(same))) {
      same++;
    }
    int sameAtEnd = 0;
    while (sameAtEnd < shorter - same
        && old.get(old.size() - 1 - sameAtEnd).equals(changed.get(changed.size() - 1 - sameAtEnd))) {
      sameAtEnd++;
    }
    String header = "--- " + fromName + "\n+++ " + toName + "\n";
    List<Change> changes;
    try {
      changes = new MyersDiff<String>().computeDiff(old.subList(same, old.size() - sameAtEnd),
          changed.subList(same, changed.size() - sameAtEnd), new GiveUpAfter(MAX_CHANGED_LINES));
    } catch (TooManyChanges e) {
      return header + String.format(Locale.ENGLISH, "[Not compared line by line: more than %,d lines were removed or"
          + " added from line %,d of %s on. Read the whole submitted document.]\n", MAX_CHANGED_LINES, same + 1,
          fromName);
    }
    int offset = same;
    Patch<String> patch = Patch.generate(old, changed, changes.stream().map(c -> new Change(c.deltaType,
        c.startOriginal + offset, c.endOriginal + offset, c.startRevised + offset, c.endRevised + offset)).toList());
    return capped(UnifiedDiffUtils.generateUnifiedDiff(fromName, toName, old, patch, CONTEXT_LINES));
  }

  private static String capped(List<String> lines) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      int room = MAX_CHARS - CUT_NOTE_ROOM - text.length() - 1;
      if (line.length() > room) {
        // whole lines, but the beginning of one too long for any diff (a document on one line)
        int end = line.length() > MAX_CHARS - CUT_NOTE_ROOM ? Math.max(room, 0) : 0;
        if (end > 0 && Character.isHighSurrogate(line.charAt(end - 1))) {
          end--;
        }
        return text.append(line, 0, end).append(end > 0 ? "\n" : "").append(cutNote(lines.size() - i)).toString();
      }
      text.append(line).append('\n');
    }
    return text.toString();
  }

  private static String cutNote(int linesLeft) {
    return String.format(Locale.ENGLISH, "[Cut here: the diff goes on for %,d more line%s, which would make it longer"
        + " than %,d characters. Read the whole submitted document.]\n", linesLeft, linesLeft == 1 ? "" : "s",
        MAX_CHARS);
  }

  /** Myers' algorithm tells its number of lines removed or added so far: past the limit it stops. */
  private record GiveUpAfter(int changedLines) implements DiffAlgorithmListener {
    @Override
    public void diffStart() {
    }

    @Override
    public void diffStep(int value, int max) {
      if (value > changedLines) {
        throw new TooManyChanges();
      }
    }

    @Override
    public void diffEnd() {
    }
  }

  private static final class TooManyChanges extends RuntimeException {
    TooManyChanges() {
      super(null, null, false, false);
    }
  }
}

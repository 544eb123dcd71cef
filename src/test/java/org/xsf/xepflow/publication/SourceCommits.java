package org.xsf.xepflow.publication;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;

/** The git commits of one XEP's source in the repository of XEP sources, newest first. */
final class SourceCommits {
  private SourceCommits() {
  }

  static List<RevCommit> of(Path sources, int number) throws Exception {
    try (Git git = Git.open(sources.toFile())) {
      List<RevCommit> commits = new ArrayList<>();
      git.log().addPath("xep-%04d.xml".formatted(number)).call().forEach(commits::add);
      return commits;
    }
  }
}

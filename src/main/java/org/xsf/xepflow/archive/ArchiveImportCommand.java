package org.xsf.xepflow.archive;

import java.nio.file.Path;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The import as a command: start the app with {@code --xepflow.import.dir=<folder>}; the report
 * goes to the log and the app goes on running with the imported XEPs.
 */
@Component
@Order(10)
@ConditionalOnProperty("xepflow.import.dir")
public class ArchiveImportCommand implements ApplicationRunner {
  private final ArchiveImport archiveImport;
  private final Path folder;

  public ArchiveImportCommand(ArchiveImport archiveImport,
      @org.springframework.beans.factory.annotation.Value("${xepflow.import.dir}") Path folder) {
    this.archiveImport = archiveImport;
    this.folder = folder;
  }

  @Override
  public void run(ApplicationArguments args) {
    archiveImport.importFolder(folder);
  }
}

package org.xsf.xepflow.api;

import java.nio.file.Path;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.xsf.xepflow.archive.ArchiveImport;
import org.xsf.xepflow.archive.ImportReport;

/**
 * The Editor imports a folder of XEP documents on the server (e.g. a clone of the XSF's repository);
 * only the Editor is let in ({@code SecurityConfiguration}).
 */
@RestController
@RequestMapping(ArchiveImportController.PATH)
public class ArchiveImportController {
  /** Where the Editor's import is served; the security rule that lets only the Editor in names it too. */
  public static final String PATH = "/api/archive";
  private final ArchiveImport archiveImport;

  public ArchiveImportController(ArchiveImport archiveImport) {
    this.archiveImport = archiveImport;
  }

  public record ImportRequest(String directory) {
  }

  @PostMapping("/import")
  public ImportReport importFolder(@RequestBody ImportRequest request) {
    if (request.directory() == null || request.directory().isBlank()) {
      throw new IllegalArgumentException("Say which directory to import.");
    }
    return archiveImport.importFolder(Path.of(request.directory()));
  }
}

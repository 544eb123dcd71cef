package org.xsf.xepflow.api;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.security.Principal;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstanceWithVariables;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * "ProtoXEP submitted" over REST: the XML as request body or as a multipart file. The submission
 * process checks it in the same transaction, so a document that is refused leaves nothing behind.
 */
@RestController
@RequestMapping("/api/protoxeps")
public class ProtoXepSubmissionController {
  static final String PROCESS = "protoxep-submission";
  private final RuntimeService runtimeService;
  private final DocumentUpload upload;

  public ProtoXepSubmissionController(RuntimeService runtimeService,
      @Value("${xepflow.document.max-bytes}") long maxBytes) {
    this.runtimeService = runtimeService;
    this.upload = new DocumentUpload(maxBytes);
  }

  @PostMapping(consumes = {MediaType.APPLICATION_XML_VALUE, MediaType.TEXT_XML_VALUE})
  public ResponseEntity<Map<String, Object>> submit(HttpServletRequest request, Principal author)
      throws IOException {
    try (InputStream body = request.getInputStream()) {
      return start(upload.read(body), author);
    }
  }

  @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  public ResponseEntity<Map<String, Object>> submit(@RequestPart("file") MultipartFile file,
      Principal author) throws IOException {
    try (InputStream body = file.getInputStream()) {
      return start(upload.read(body), author);
    }
  }

  private ResponseEntity<Map<String, Object>> start(String xml, Principal author) {
    ProcessInstanceWithVariables instance = runtimeService.createProcessInstanceByKey(PROCESS)
        .setVariables(Variables.putValue("xml", xml))
        .executeWithVariablesInReturn();
    var variables = instance.getVariables();
    return ResponseEntity.created(URI.create("/engine-rest/process-instance/" + instance.getId()))
        .body(Map.of(
            "processInstanceId", instance.getId(),
            "protoXepId", variables.get("protoXepId"),
            "title", variables.get("title"),
            "inboxName", variables.get("inboxName"),
            "author", author.getName(),
            "findings", variables.get("findings")));
  }
}

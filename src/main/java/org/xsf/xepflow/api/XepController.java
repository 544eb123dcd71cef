package org.xsf.xepflow.api;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.domain.Page;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.xsf.xepflow.engine.SystemActor;
import org.xsf.xepflow.publication.SiteWriter;
import org.xsf.xepflow.registry.CouncilResponseRepository;
import org.xsf.xepflow.registry.ImplementationRepository;
import org.xsf.xepflow.registry.NamespaceRegistrationRepository;
import org.xsf.xepflow.registry.ProtoXepRepository;
import org.xsf.xepflow.registry.Xep;
import org.xsf.xepflow.registry.XepListing;
import org.xsf.xepflow.registry.XepListings;
import org.xsf.xepflow.registry.XepRepository;
import org.xsf.xepflow.registry.XepStatus;
import org.xsf.xepflow.registry.XepType;
import org.xsf.xepflow.vote.BallotRepository;
import org.xsf.xepflow.vote.VoteRepository;

/** The XEPs database: list and read XEPs, and submit a new version of one. */
@RestController
@RequestMapping("/api/xeps")
public class XepController {
  /** Tasklist's start form for a new version, which passes it to the XEP's lifecycle. */
  private static final String NEW_VERSION = "submit-new-version";

  private static final int DEFAULT_PAGE = 100;
  private static final int MAX_PAGE = 1000;

  private final XepRepository xeps;
  private final XepListings listings;
  private final VoteRepository votes;
  private final BallotRepository ballots;
  private final ImplementationRepository implementations;
  private final NamespaceRegistrationRepository namespaceRegistrations;
  private final ProtoXepRepository protoXeps;
  private final CouncilResponseRepository councilResponses;
  private final TaskService taskService;
  private final RuntimeService runtimeService;
  private final RepositoryService repositoryService;
  private final SystemActor system;
  private final SiteWriter site;
  private final DocumentUpload upload;

  public XepController(XepRepository xeps, XepListings listings, VoteRepository votes, BallotRepository ballots,
      ImplementationRepository implementations, NamespaceRegistrationRepository namespaceRegistrations,
      ProtoXepRepository protoXeps, CouncilResponseRepository councilResponses, TaskService taskService,
      RuntimeService runtimeService, RepositoryService repositoryService, SystemActor system, SiteWriter site,
      @Value("${xepflow.document.max-bytes}") long maxBytes) {
    this.xeps = xeps;
    this.listings = listings;
    this.votes = votes;
    this.ballots = ballots;
    this.implementations = implementations;
    this.namespaceRegistrations = namespaceRegistrations;
    this.protoXeps = protoXeps;
    this.councilResponses = councilResponses;
    this.taskService = taskService;
    this.runtimeService = runtimeService;
    this.repositoryService = repositoryService;
    this.system = system;
    this.site = site;
    this.upload = new DocumentUpload(maxBytes);
  }

  /**
   * One page of the XEPs of a status and type, by number; the total in X-Total-Count and the next
   * page in a Link header, so that a registry of any size answers quickly.
   */
  @GetMapping
  public ResponseEntity<List<XepViews.Summary>> list(@RequestParam(required = false) String status,
      @RequestParam(required = false) String type, @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "" + DEFAULT_PAGE) int size) {
    XepStatus wantedStatus = status == null ? null : parseStatus(status);
    XepType wantedType = type == null ? null : parseType(type);
    if (page < 0 || size < 1 || size > MAX_PAGE) {
      throw new IllegalArgumentException("page must be 0 or more and size between 1 and " + MAX_PAGE + ".");
    }
    Page<XepListing> found = listings.find(wantedStatus, wantedType, page, size);
    ResponseEntity.BodyBuilder response = ResponseEntity.ok().header("X-Total-Count", String.valueOf(found.getTotalElements()));
    if (found.hasNext()) {
      response.header(HttpHeaders.LINK, "<" + ServletUriComponentsBuilder.fromCurrentRequest()
          .replaceQueryParam("page", page + 1).replaceQueryParam("size", size).toUriString() + ">; rel=\"next\"");
    }
    return response.body(found.map(x -> XepViews.Summary.of(x, site.xepUrl(x.number()))).getContent());
  }

  @GetMapping("/{number}")
  @Transactional(readOnly = true)
  public XepViews.Details read(@PathVariable int number) {
    Xep xep = find(number);
    return new XepViews.Details(XepViews.Summary.of(xep, site.xepUrl(number)), xep.getAbstractText(),
        xep.getApprover(), xep.getAuthor(), xep.getExpires(), xep.getSupersededBy(),
        xep.getVersions().stream().map(XepViews.VersionView::of).toList(),
        xep.getStatusHistory().stream().map(XepViews.StatusView::of).toList(),
        votes.findByXepNumberOrderById(number).stream()
            .map(v -> XepViews.VoteView.of(v, ballots.findByVoteIdOrderByIdAsc(v.getId()))).toList(),
        protoXeps.findFirstByXepNumber(number).stream()
            .flatMap(p -> councilResponses.findByProtoXepIdOrderByRespondedAtAscIdAsc(p.getId()).stream())
            .map(XepViews.CouncilResponseView::of).toList(),
        implementations.findByXepNumberOrderById(number).stream().map(XepViews.ImplementationView::of).toList(),
        namespaceRegistrations.findByXepNumberOrderById(number).stream().map(XepViews.NamespaceRegistrationView::of).toList(),
        openSteps(number), awaiting(number));
  }

  @PostMapping(path = "/{number}/versions", consumes = {MediaType.APPLICATION_XML_VALUE, MediaType.TEXT_XML_VALUE})
  public ResponseEntity<Map<String, Object>> newVersion(@PathVariable int number, HttpServletRequest request,
      Principal author) throws IOException {
    try (InputStream body = request.getInputStream()) {
      return submit(number, upload.read(body), author);
    }
  }

  @PostMapping(path = "/{number}/versions", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  public ResponseEntity<Map<String, Object>> newVersion(@PathVariable int number,
      @RequestPart("file") MultipartFile file, Principal author) throws IOException {
    try (InputStream body = file.getInputStream()) {
      return submit(number, upload.read(body), author);
    }
  }

  /**
   * Does what the author does in Tasklist: submits the start form of a new version, naming the XEP.
   * Anyone but its author is refused (403), as is a XEP not waiting for a new version (400).
   */
  private ResponseEntity<Map<String, Object>> submit(int number, String xml, Principal author) {
    Xep xep = find(number);
    runtimeService.createProcessInstanceByKey(NEW_VERSION)
        .setVariables(Map.of("xep", xep.label(), "authorAction", "newVersion", "xml", xml)).execute();
    return ResponseEntity.accepted().body(Map.of("xep", xep.label(), "submittedBy", author.getName(),
        "next", "The XMPP Extensions Editor reviews the new version."));
  }

  private List<XepViews.Step> openSteps(int number) {
    // The steps of a XEP are public; the caller need not be allowed to work on them.
    return system.call(() -> taskService.createTaskQuery().processInstanceBusinessKey(String.valueOf(number))
        .orderByTaskCreateTime().asc().list().stream().map(t -> new XepViews.Step(t.getTaskDefinitionKey(),
            t.getName(), t.getAssignee(), taskService.getIdentityLinksForTask(t.getId()).stream()
                .filter(l -> l.getGroupId() != null).map(IdentityLink::getGroupId).toList(),
            t.getCreateTime().toInstant())).toList());
  }

  private List<XepViews.Awaited> awaiting(int number) {
    return system.call(() -> runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(String.valueOf(number))
        .list().stream().flatMap(instance -> {
          BpmnModelInstance diagram = repositoryService.getBpmnModelInstance(instance.getProcessDefinitionId());
          return runtimeService.createEventSubscriptionQuery().processInstanceId(instance.getId()).eventType("message")
              .list().stream().map(event -> new XepViews.Awaited(event.getActivityId(),
                  diagram.<FlowElement>getModelElementById(event.getActivityId()).getName(), event.getEventName(),
                  event.getCreated().toInstant()));
        }).toList());
  }

  private Xep find(int number) {
    return xeps.findById(number).orElseThrow(() ->
        new ResponseStatusException(HttpStatus.NOT_FOUND, "There is no XEP-%04d.".formatted(number)));
  }

  private static XepStatus parseStatus(String status) {
    try {
      return XepStatus.valueOf(status);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Unknown status '" + status + "'; one of " + List.of(XepStatus.values()) + ".");
    }
  }

  private static XepType parseType(String type) {
    XepType parsed = XepType.fromLabel(type);
    if (parsed == null) {
      throw new IllegalArgumentException("Unknown type '" + type + "'.");
    }
    return parsed;
  }
}

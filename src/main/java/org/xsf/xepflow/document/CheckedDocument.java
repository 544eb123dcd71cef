package org.xsf.xepflow.document;
import java.util.List;
public record CheckedDocument(XepHeader header, List<Finding> findings) {}

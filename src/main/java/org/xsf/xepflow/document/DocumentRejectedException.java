package org.xsf.xepflow.document;
public class DocumentRejectedException extends RuntimeException { public DocumentRejectedException(String m){super(m);} }

package org.xsf.xepflow.document;
public final class XepDocumentChecker { public XepDocumentChecker(long m){} public CheckedDocument check(byte[] x){ return null;} }

package org.xsf.xepflow.registry;

/** The states of XEP-0001 section 9 (and ProtoXEP, before acceptance). */
public enum XepStatus {
  ProtoXEP, Experimental, Proposed, Draft, Final, Active, Deferred, Retracted, Rejected, Deprecated,
  Obsolete
}

package org.xsf.xepflow.document;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A XEP document's bytes as the text xepflow keeps and publishes: UTF-8, as the XSF writes its XEPs.
 * Other bytes are refused rather than kept with replacement characters.
 */
public final class Utf8Text {
  private Utf8Text() {
  }

  public static String decode(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new DocumentRejectedException("The document is not UTF-8 encoded text.");
    }
  }
}

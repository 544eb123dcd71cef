package org.xsf.xepflow.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.xsf.xepflow.document.DocumentRejectedException;

/** Reads an uploaded XEP document, never more than the size limit, as UTF-8 text. */
record DocumentUpload(long maxBytes) {

  String read(InputStream in) throws IOException {
    byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
    if (bytes.length > maxBytes) {
      throw new DocumentRejectedException(
          "The document is larger than the limit of " + maxBytes / (1024 * 1024) + " MiB.");
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new DocumentRejectedException("The document is not UTF-8 encoded text.");
    }
  }
}

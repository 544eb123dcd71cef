package org.xsf.xepflow.api;

import java.io.IOException;
import java.io.InputStream;
import org.xsf.xepflow.document.DocumentRejectedException;
import org.xsf.xepflow.document.Utf8Text;

/** Reads an uploaded XEP document, never more than the size limit, as UTF-8 text. */
record DocumentUpload(long maxBytes) {

  String read(InputStream in) throws IOException {
    byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
    if (bytes.length > maxBytes) {
      throw new DocumentRejectedException(
          "The document is larger than the limit of " + maxBytes / (1024 * 1024) + " MiB.");
    }
    return Utf8Text.decode(bytes);
  }
}

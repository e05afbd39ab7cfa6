"""Reading: a file, stdin or an editor buffer in; a `Document` out.

Bytes are decoded (encodings, byte order marks, newlines, size limits), the kind is detected
(plain text, Markdown, e-mail), and everything that is not the writer's prose (front matter,
headers, quoted replies, signatures, code, link targets) is masked with spaces, so every offset
into the text the pipeline sees is an offset into the file as read.
"""

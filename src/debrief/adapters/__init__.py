"""One module per heavy dependency (Chroma, llama.cpp, onnxruntime, HTTP servers, prompt files)."""

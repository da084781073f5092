/**
 * The chunk format of Smalltalk file-ins: {@link org.ozworkbench.core.compiler.chunk.ChunkReader}
 * turns a {@code .st} or {@code .cs} text into {@link org.ozworkbench.core.compiler.chunk.Chunk}s
 * (methods with their class and category, class definitions, doIts), each with its line in the file.
 */
package org.ozworkbench.core.compiler.chunk;

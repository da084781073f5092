/**
 * Smalltalk-80 source to AST: {@link org.ozworkbench.core.compiler.parser.Parser} (methods and
 * doIts, in the {@link org.ozworkbench.core.compiler.parser.Dialect} of the guest), failing with a
 * {@link org.ozworkbench.core.compiler.parser.SyntaxError} that gives line, column and a caret.
 * The scanner and tokens are internal.
 */
package org.ozworkbench.core.compiler.parser;

package org.ozworkbench.core.decompiler;

/**
 * Bytecodes the decompiler cannot turn into source: a shape no compiler it knows produces (a jump
 * into the middle of an expression, a stack left unbalanced) or a literal source cannot spell.
 * {@link Decompiler#source} catches it and answers a commented disassembly instead. It carries no
 * stack trace: the decoder also throws it to give up on one reading of a jump shape and try
 * another, deep in its recursion, where filling in a trace would cost more than the decoding.
 */
public final class DecompileException extends RuntimeException {
    public DecompileException(String message) {
        super(message, null, false, false);
    }
}

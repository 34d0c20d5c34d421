// The AES S-box as a Boolean circuit over bit-planes (J. Boyar and R. Peralta, "A depth-16
// circuit for the AES S-box", 2011: 32 AND, 77 XOR, 4 XNOR). Each argument is one bit-plane:
// `u0` is the most significant bit of every byte, `u7` the least. Computed on 64 bytes at once.
//
// The four XNORs of the output layer are written as XORs here: the missing constant (0x63, the
// S-box affine constant) is folded into the round keys by the key schedule.

@inline(__always) @usableFromInline
func aesSBoxCircuit(
    _ u0: UInt64, _ u1: UInt64, _ u2: UInt64, _ u3: UInt64,
    _ u4: UInt64, _ u5: UInt64, _ u6: UInt64, _ u7: UInt64
) -> (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) {
    // Top linear layer.
    let t1 = u0 ^ u3, t2 = u0 ^ u5, t3 = u0 ^ u6, t4 = u3 ^ u5
    let t5 = u4 ^ u6, t6 = t1 ^ t5, t7 = u1 ^ u2, t8 = u7 ^ t6
    let t9 = u7 ^ t7, t10 = t6 ^ t7, t11 = u1 ^ u5, t12 = u2 ^ u5
    let t13 = t3 ^ t4, t14 = t6 ^ t11, t15 = t5 ^ t11, t16 = t5 ^ t12
    let t17 = t9 ^ t16, t18 = u3 ^ u7, t19 = t7 ^ t18, t20 = t1 ^ t19
    let t21 = u6 ^ u7, t22 = t7 ^ t21, t23 = t2 ^ t22, t24 = t2 ^ t10
    let t25 = t20 ^ t17, t26 = t3 ^ t16, t27 = t1 ^ t12

    // Shared non-linear middle: inversion in GF(2^4)² form.
    let m1 = t13 & t6, m2 = t23 & t8, m3 = t14 ^ m1, m4 = t19 & u7
    let m5 = m4 ^ m1, m6 = t3 & t16, m7 = t22 & t9, m8 = t26 ^ m6
    let m9 = t20 & t17, m10 = m9 ^ m6, m11 = t1 & t15, m12 = t4 & t27
    let m13 = m12 ^ m11, m14 = t2 & t10, m15 = m14 ^ m11, m16 = m3 ^ m2
    let m17 = m5 ^ t24, m18 = m8 ^ m7, m19 = m10 ^ m15, m20 = m16 ^ m13
    let m21 = m17 ^ m15, m22 = m18 ^ m13, m23 = m19 ^ t25, m24 = m22 ^ m23
    let m25 = m22 & m20, m26 = m21 ^ m25, m27 = m20 ^ m21, m28 = m23 ^ m25
    let m29 = m28 & m27, m30 = m26 & m24, m31 = m20 & m23, m32 = m27 & m31
    let m33 = m27 ^ m25, m34 = m21 & m22, m35 = m24 & m34, m36 = m24 ^ m25
    let m37 = m21 ^ m29, m38 = m32 ^ m33, m39 = m23 ^ m30, m40 = m35 ^ m36
    let m41 = m38 ^ m40, m42 = m37 ^ m39, m43 = m37 ^ m38, m44 = m39 ^ m40
    let m45 = m42 ^ m41
    let m46 = m44 & t6, m47 = m40 & t8, m48 = m39 & u7, m49 = m43 & t16
    let m50 = m38 & t9, m51 = m37 & t17, m52 = m42 & t15, m53 = m45 & t27
    let m54 = m41 & t10, m55 = m44 & t13, m56 = m40 & t23, m57 = m39 & t19
    let m58 = m43 & t3, m59 = m38 & t22, m60 = m37 & t20, m61 = m42 & t1
    let m62 = m45 & t4, m63 = m41 & t2

    // Bottom linear layer.
    let l0 = m61 ^ m62, l1 = m50 ^ m56, l2 = m46 ^ m48, l3 = m47 ^ m55
    let l4 = m54 ^ m58, l5 = m49 ^ m61, l6 = m62 ^ l5, l7 = m46 ^ l3
    let l8 = m51 ^ m59, l9 = m52 ^ m53, l10 = m53 ^ l4, l11 = m60 ^ l2
    let l12 = m48 ^ m51, l13 = m50 ^ l0, l14 = m52 ^ m61, l15 = m55 ^ l1
    let l16 = m56 ^ l0, l17 = m57 ^ l1, l18 = m58 ^ l8, l19 = m63 ^ l4
    let l20 = l0 ^ l1, l21 = l1 ^ l7, l22 = l3 ^ l12, l23 = l18 ^ l2
    let l24 = l15 ^ l9, l25 = l6 ^ l10, l26 = l7 ^ l9, l27 = l8 ^ l10
    let l28 = l11 ^ l14, l29 = l11 ^ l17

    let s0 = l6 ^ l24
    let s1 = l16 ^ l26      // XNOR in the full S-box
    let s2 = l19 ^ l28      // XNOR
    let s3 = l6 ^ l21
    let s4 = l20 ^ l22
    let s5 = l25 ^ l29
    let s6 = l13 ^ l27      // XNOR
    let s7 = l6 ^ l23       // XNOR
    return (s0, s1, s2, s3, s4, s5, s6, s7)
}

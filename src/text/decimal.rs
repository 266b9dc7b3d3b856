//! Decimal digits of a number without the formatting machinery: facts and graphs
//! write many offsets, and `write!` costs several times more.

/// The decimal digits of a number, on the stack.
pub struct Decimal {
    digits: [u8; 20],
    start: usize,
}

impl Decimal {
    /// The digits of `n`.
    pub fn new(mut n: u64) -> Self {
        let mut digits = [0u8; 20];
        let mut start = digits.len();
        loop {
            start -= 1;
            digits[start] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        Decimal { digits, start }
    }

    /// The digits as text.
    pub fn as_str(&self) -> &str {
        // Only ASCII digits were written.
        std::str::from_utf8(&self.digits[self.start..]).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::Decimal;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn the_same_digits_as_display(n in any::<u64>()) {
            let digits = Decimal::new(n);
            prop_assert_eq!(digits.as_str(), n.to_string());
        }
    }

    #[test]
    fn zero_and_the_largest_number() {
        assert_eq!(Decimal::new(0).as_str(), "0");
        assert_eq!(Decimal::new(u64::MAX).as_str(), u64::MAX.to_string());
    }
}

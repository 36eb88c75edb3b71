// A small Rust workload whose hot frames are generic and trait methods: their legacy symbols carry
// $LT$/$GT$ escapes and ::h<hash> suffixes.
use std::collections::HashMap;
use std::hint::black_box;

trait Shape {
    fn area(&self, rounds: u64) -> u64;
}

struct Square<T> {
    side: T,
}

impl<T: Copy + Into<u64>> Shape for Square<T> {
    #[inline(never)]
    fn area(&self, rounds: u64) -> u64 {
        let mut x: u64 = self.side.into();
        for i in 0..rounds {
            x = x.wrapping_mul(6364136223846793005).wrapping_add(i);
        }
        x
    }
}

#[inline(never)]
fn count_words(n: u64) -> usize {
    let mut m: HashMap<u64, u64> = HashMap::new();
    for i in 0..n {
        *m.entry(i % 1000).or_insert(0) += 1;
    }
    m.len()
}

fn main() {
    let rounds: u64 = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(3000);
    let shapes: Vec<Box<dyn Shape>> = vec![Box::new(Square { side: 3u32 }), Box::new(Square { side: 5u16 })];
    let mut total = 0u64;
    for r in 0..rounds {
        for s in &shapes {
            total = total.wrapping_add(s.area(black_box(20_000)));
        }
        total = total.wrapping_add(count_words(black_box(200 + r % 7)) as u64);
    }
    println!("{}", total);
}

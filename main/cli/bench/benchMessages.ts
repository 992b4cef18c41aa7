/**
 * Customer messages for latency benchmarks: realistic phrasing across the six default intents, written
 * for the benchmark (not taken from any evaluation set). Orders and emails are demo-shop values.
 */
export const BENCH_MESSAGES: readonly string[] = [
  'Hi, where is my order #W2611340? It was supposed to arrive on Monday.',
  'I still have not received my package and the tracking has not moved in four days.',
  'Can you tell me when my order will ship?',
  'I would like a refund for the blender, it stopped working after a week.',
  'The jacket I got is the wrong size, how do I return it and get my money back?',
  'Please refund the $45.20 you charged me twice last month.',
  'I forgot my password and the reset email never arrives.',
  'How do I change the email address on my account? My email is james.li4495@example.com',
  'My account is locked after too many login attempts.',
  'Does the office chair come in black leather?',
  'Is the mechanical keyboard compatible with a Mac?',
  'What sizes do the hiking boots come in and are they waterproof?',
  'This is the third time I am writing and nobody helps me. Terrible service.',
  'The courier was rude and left my parcel in the rain. I am very disappointed.',
  'Your product broke on the first day, this is unacceptable.',
  'Do you have a store in Chicago?',
  'Can I talk to a real person please?',
  'Thanks, that is all I needed!',
  'My name is Yara Ito, zip 75284. The boots from order #W1304208 are too small.',
  'I was charged $1,380.79 for order #W4817420 and I dispute this charge.',
];

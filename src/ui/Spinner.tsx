/** A small spinner; it animates only while mounted, so a finished probe costs no renders. */
import { useEffect, useState } from 'react';
import { Tone } from './theme.js';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export function Spinner({ label }: { label: string }) {
  const [i, setI] = useState(0);
  useEffect(() => {
    const t = setInterval(() => setI((x) => (x + 1) % FRAMES.length), 100);
    return () => clearInterval(t);
  }, []);
  return (
    <Tone tone="accent" wrap="truncate-end">
      {FRAMES[i]} {label}
    </Tone>
  );
}

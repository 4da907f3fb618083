/** Home screen rows: "Because you liked …", built on this device from what the shopper liked. */
import type { Product } from '../../../core/types';
import { Shelf } from './ProductDialog';
import { usePersonalStrings, useRecommendations } from './usePersonal';

export function BecauseYouLiked(props: { onOpen(p: Product): void }) {
  const s = usePersonalStrings();
  const recs = useRecommendations(null);
  if (!recs?.because.length) return null;
  return (
    <section className="because-you-liked" data-testid="because-you-liked" aria-label={s.becauseTitle}>
      {recs.because.map((row) => (
        <Shelf key={row.anchorId} title={row.heading} products={row.products} testId="because-row" onOpen={props.onOpen} />
      ))}
    </section>
  );
}

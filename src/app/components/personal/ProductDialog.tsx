/**
 * The product page, opened from a result or a recommendation: image, title, price, description,
 * reviews, add to cart, buy (demo checkout), thumbs, similar items and "often viewed together
 * (by you)". Opening reports a click (with its position); closing reports the time spent.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { Product } from '../../../core/types';
import { useClient } from '../../state/clientContext';
import { useImageUrl } from '../../state/hooks';
import { useI18n } from '../../state/i18n';
import { Thumbs } from './Thumbs';
import { usePersonalStrings, useRecommendations } from './usePersonal';

export interface OpenProduct {
  product: Product;
  /** The query and 0-based rank it was opened from (for position-bias correction). */
  query?: string;
  position?: number;
}

function Picture(props: { src: string; alt: string; size: number }) {
  const url = useImageUrl(props.src);
  if (!url) return <div className="result-image placeholder" aria-hidden="true" />;
  return <img className="product-image" src={url} alt={props.alt} width={props.size} height={props.size} />;
}

function Shelf(props: { title: string; products: Product[]; testId: string; onOpen(p: Product): void }) {
  const { lang, formatPrice } = useI18n();
  if (!props.products.length) return null;
  return (
    <section className="shelf" data-testid={props.testId} aria-label={props.title}>
      <h3>{props.title}</h3>
      <ul className="shelf-items">
        {props.products.map((p) => (
          <li key={p.id} data-id={p.id}>
            <button type="button" className="shelf-item" onClick={() => props.onOpen(p)}>
              <Picture src={p.image} alt="" size={96} />
              <span className="shelf-title">{lang === 'zh' && p.title_zh ? p.title_zh : p.title}</span>
              <span className="shelf-price">{formatPrice(p.price, p.currency)}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function ProductDialog(props: {
  open: OpenProduct;
  onOpen(next: OpenProduct): void;
  onClose(): void;
  /** More controls beside add-to-cart (e.g. photo search's "more like this"). */
  extraActions?: ReactNode;
}) {
  const client = useClient();
  const s = usePersonalStrings();
  const { lang, formatPrice } = useI18n();
  const { product, query, position } = props.open;
  const dialog = useRef<HTMLDialogElement>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const recs = useRecommendations(product.id);

  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) {
      if (typeof d.showModal === 'function') d.showModal();
      else d.setAttribute('open', '');
    }
  }, []);

  // One click when the page opens; the time spent when it closes or shows another product.
  useEffect(() => {
    const personal = client.personal;
    setNotice(null);
    if (!personal) return;
    const openedAt = Date.now();
    personal.record({ type: 'click', productId: product.id, query, position });
    return () => personal.record({ type: 'dwell', productId: product.id, dwellMs: Date.now() - openedAt });
  }, [client, product.id, query, position]);

  const record = (type: 'cart' | 'purchase') => {
    client.personal?.record({ type, productId: product.id, query });
    setNotice(type === 'cart' ? s.added : s.bought);
  };
  const title = lang === 'zh' && product.title_zh ? product.title_zh : product.title;
  const description = lang === 'zh' && product.description_zh ? product.description_zh : product.description;
  const openOther = (p: Product) => props.onOpen({ product: p });

  return (
    <dialog ref={dialog} className="product-dialog" data-testid="product-dialog" data-id={product.id} aria-label={title} onClose={props.onClose}>
      <div className="product-page">
        <button type="button" className="dialog-close" data-testid="product-close" onClick={props.onClose} aria-label={s.close}>
          ×
        </button>
        <Picture src={product.image} alt={title} size={320} />
        <div className="product-info">
          <h2 data-testid="product-title">{title}</h2>
          <p className="result-price">{formatPrice(product.price, product.currency)}</p>
          <p className="result-meta">{[product.brand, product.color, product.category.split('/').join(' › ')].filter(Boolean).join(' · ')}</p>
          {description && <p className="product-description">{description}</p>}
          <div className="product-actions">
            <button type="button" data-testid="add-to-cart" onClick={() => record('cart')}>
              {s.addToCart}
            </button>
            <button type="button" data-testid="buy" onClick={() => record('purchase')}>
              {s.buy}
            </button>
            <Thumbs productId={product.id} query={query} position={position} />
            {props.extraActions}
          </div>
          {notice && (
            <p role="status" data-testid="product-notice">
              {notice}
            </p>
          )}
          <section className="reviews" aria-label={s.reviews}>
            <h3>{s.reviews}</h3>
            {product.reviews?.length ? (
              <ul>
                {product.reviews.slice(0, 5).map((r, i) => (
                  <li key={i}>
                    {'★'.repeat(Math.round(Math.max(0, Math.min(5, r.rating))))} {r.text}
                  </li>
                ))}
              </ul>
            ) : (
              <p>{s.noReviews}</p>
            )}
          </section>
        </div>
        {recs && (
          <>
            <Shelf title={s.together} products={recs.together} testId="viewed-together" onOpen={openOther} />
            <Shelf title={s.similar} products={recs.similar} testId="similar-items" onOpen={openOther} />
          </>
        )}
      </div>
    </dialog>
  );
}

export { Shelf };

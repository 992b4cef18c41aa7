/** A tiny τ²-bench-shaped retail export: two customers, one product, one order (W2611340's real amounts). */
export function retailFixture(): {
  users: Record<string, unknown>;
  orders: Record<string, Record<string, unknown>>;
  products: Record<string, unknown>;
} {
  const address = { address1: '215 River Road', address2: 'Suite 991', city: 'New York', country: 'USA', state: 'NY', zip: '10083' };
  return {
    users: {
      james_li_5688: {
        user_id: 'james_li_5688',
        name: { first_name: 'James', last_name: 'Li' },
        address,
        email: 'james.li4495@example.com',
        payment_methods: { gift_card_1725971: { source: 'gift_card', id: 'gift_card_1725971', balance: 17.1 } },
      },
      noah_brown_6181: {
        user_id: 'noah_brown_6181',
        name: { first_name: 'Noah', last_name: 'Brown' },
        address: { ...address, address2: undefined },
        email: 'noah.brown7922@example.com',
        payment_methods: {
          credit_card_7815826: { source: 'credit_card', id: 'credit_card_7815826', brand: 'mastercard', last_four: '9212' },
        },
      },
    },
    orders: {
      '#W2611340': {
        order_id: '#W2611340',
        user_id: 'james_li_5688',
        address,
        items: [
          { name: 'Water Bottle', product_id: '8310926033', item_id: '6469567736', price: 47.84, options: { capacity: '1000ml' } },
          { name: 'Office Chair', product_id: '8310926033', item_id: '8426249116', price: 488.81, options: { color: 'black' } },
        ],
        status: 'processed',
        fulfillments: [{ tracking_id: ['357962501027'], item_ids: ['6469567736', '8426249116'] }],
        payment_history: [{ transaction_type: 'payment', amount: 536.65, payment_method_id: 'gift_card_1725971' }],
      },
    },
    products: {
      '8310926033': {
        name: 'Water Bottle',
        product_id: '8310926033',
        variants: {
          '6469567736': { item_id: '6469567736', options: { capacity: '1000ml' }, available: true, price: 47.84 },
          '8426249116': { item_id: '8426249116', options: { color: 'black' }, available: false, price: 0.29 },
        },
      },
    },
  };
}

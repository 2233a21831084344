import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** Idempotency record: the first answer given to a (source, deliveryId), replayed for duplicates. */
@Entity('webhook_deliveries')
export class WebhookDeliveryEntity {
  @PrimaryColumn('text') source: string;
  @PrimaryColumn('text', { name: 'delivery_id' }) deliveryId: string;
  @Column('uuid', { name: 'ticket_id' }) ticketId: string;
  @Column('text') status: string;
  /** Digest of what was signed: the same signed message under another delivery id is a replay. */
  @Column('text', { name: 'replay_key', nullable: true }) replayKey: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

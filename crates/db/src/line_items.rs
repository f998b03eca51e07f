//! Items of quotes and invoices (one table; each row belongs to exactly one of the two).

use diesel::prelude::*;
use uuid::Uuid;

use crate::schema::line_items;

/// The document an item belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemOwner {
    Quote(Uuid),
    Invoice(Uuid),
}

#[derive(Debug, Clone, Queryable, Selectable, serde::Serialize)]
#[diesel(table_name = line_items, check_for_backend(diesel::pg::Pg))]
pub struct LineItem {
    pub id: Uuid,
    pub quote_id: Option<Uuid>,
    pub invoice_id: Option<Uuid>,
    pub position: i32,
    pub label: String,
    pub description: String,
    pub quantity_hundredths: i64,
    pub unit_price: i64,
    pub tax_rate_bp: i32,
    pub total_ht: i64,
    pub total_tva: i64,
    pub discount_bp: i32,
}

/// An item to store, already priced by `nourx_domain::billing`.
#[derive(Debug, Clone)]
pub struct NewLineItem {
    pub label: String,
    pub description: String,
    pub quantity_hundredths: i64,
    pub unit_price: i64,
    pub tax_rate_bp: i32,
    pub total_ht: i64,
    pub total_tva: i64,
    pub discount_bp: i32,
}

/// A stored line copied onto another document (a quote's lines onto its invoice).
impl From<LineItem> for NewLineItem {
    fn from(item: LineItem) -> Self {
        NewLineItem {
            label: item.label,
            description: item.description,
            quantity_hundredths: item.quantity_hundredths,
            unit_price: item.unit_price,
            tax_rate_bp: item.tax_rate_bp,
            total_ht: item.total_ht,
            total_tva: item.total_tva,
            discount_bp: item.discount_bp,
        }
    }
}

#[derive(Insertable)]
#[diesel(table_name = line_items)]
struct ItemRow<'a> {
    id: Uuid,
    quote_id: Option<Uuid>,
    invoice_id: Option<Uuid>,
    position: i32,
    label: &'a str,
    description: &'a str,
    quantity_hundredths: i64,
    unit_price: i64,
    tax_rate_bp: i32,
    total_ht: i64,
    total_tva: i64,
    discount_bp: i32,
}

/// Replaces the items of `owner` by `items`, in that order.
pub fn replace(conn: &mut PgConnection, owner: ItemOwner, items: &[NewLineItem]) -> QueryResult<Vec<LineItem>> {
    let (quote_id, invoice_id) = match owner {
        ItemOwner::Quote(id) => (Some(id), None),
        ItemOwner::Invoice(id) => (None, Some(id)),
    };
    match owner {
        ItemOwner::Quote(id) => diesel::delete(line_items::table.filter(line_items::quote_id.eq(id))).execute(conn)?,
        ItemOwner::Invoice(id) => {
            diesel::delete(line_items::table.filter(line_items::invoice_id.eq(id))).execute(conn)?
        }
    };
    let rows: Vec<ItemRow<'_>> = items
        .iter()
        .enumerate()
        .map(|(position, item)| ItemRow {
            id: Uuid::now_v7(),
            quote_id,
            invoice_id,
            position: position as i32,
            label: &item.label,
            description: &item.description,
            quantity_hundredths: item.quantity_hundredths,
            unit_price: item.unit_price,
            tax_rate_bp: item.tax_rate_bp,
            total_ht: item.total_ht,
            total_tva: item.total_tva,
            discount_bp: item.discount_bp,
        })
        .collect();
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let mut stored: Vec<LineItem> =
        diesel::insert_into(line_items::table).values(&rows).returning(LineItem::as_returning()).get_results(conn)?;
    stored.sort_by_key(|item| item.position);
    Ok(stored)
}

/// The items of several quotes or invoices in one query, in document order.
pub fn of_invoices(conn: &mut PgConnection, ids: &[Uuid]) -> QueryResult<Vec<LineItem>> {
    line_items::table
        .filter(line_items::invoice_id.eq_any(ids))
        .order((line_items::invoice_id.asc(), line_items::position.asc()))
        .select(LineItem::as_select())
        .load(conn)
}

pub fn of_quotes(conn: &mut PgConnection, ids: &[Uuid]) -> QueryResult<Vec<LineItem>> {
    line_items::table
        .filter(line_items::quote_id.eq_any(ids))
        .order((line_items::quote_id.asc(), line_items::position.asc()))
        .select(LineItem::as_select())
        .load(conn)
}

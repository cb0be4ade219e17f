/*
 * Scatter-gather lists (include/linux/scatterlist.h): an array of
 * segments, each a buffer (page, offset, length) and, once mapped, its
 * DMA address and length. The last entry carries the end mark.
 *
 * pmfw has no struct page: a "page" is the 4 KiB-aligned address of the
 * page that holds a segment's first byte, kept in page_link with Linux's
 * SG_CHAIN/SG_END bits below it, and `offset` is the rest of the address,
 * so sg_virt() and sg_phys() give back the buffer exactly.
 */
#ifndef _LINUX_SCATTERLIST_H
#define _LINUX_SCATTERLIST_H

#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/types.h>

struct scatterlist {
	unsigned long page_link;
	unsigned int offset;
	unsigned int length;
	dma_addr_t dma_address;
	unsigned int dma_length;
};

#define SG_CHAIN 0x01UL
#define SG_END 0x02UL
#define SG_PAGE_LINK_MASK (SG_CHAIN | SG_END)

#define sg_dma_address(sg) ((sg)->dma_address)
#define sg_dma_len(sg) ((sg)->dma_length)

static inline bool sg_is_chain(const struct scatterlist *sg)
{
	return sg->page_link & SG_CHAIN;
}
static inline bool sg_is_last(const struct scatterlist *sg)
{
	return sg->page_link & SG_END;
}
static inline struct scatterlist *sg_chain_ptr(const struct scatterlist *sg)
{
	return (struct scatterlist *)(sg->page_link & ~SG_PAGE_LINK_MASK);
}

/* The next entry, following a chain link; NULL after the last. */
static inline struct scatterlist *sg_next(struct scatterlist *sg)
{
	if (sg_is_last(sg))
		return NULL;
	sg++;
	if (unlikely(sg_is_chain(sg)))
		sg = sg_chain_ptr(sg);
	return sg;
}

static inline void sg_mark_end(struct scatterlist *sg)
{
	sg->page_link |= SG_END;
	sg->page_link &= ~SG_CHAIN;
}
static inline void sg_unmark_end(struct scatterlist *sg)
{
	sg->page_link &= ~SG_END;
}

static inline void sg_init_table(struct scatterlist *sgl, unsigned int nents)
{
	memset(sgl, 0, sizeof(*sgl) * nents);
	sg_mark_end(&sgl[nents - 1]);
}

/* Link the table `prv` (of prv_nents entries, the last one becoming the
 * link) to `sgl`. */
static inline void sg_chain(struct scatterlist *prv, unsigned int prv_nents,
			    struct scatterlist *sgl)
{
	prv[prv_nents - 1].offset = 0;
	prv[prv_nents - 1].length = 0;
	prv[prv_nents - 1].page_link = ((unsigned long)sgl | SG_CHAIN) & ~SG_END;
}

static inline void sg_set_buf(struct scatterlist *sg, const void *buf, unsigned int buflen)
{
	unsigned long a = (unsigned long)(uintptr_t)buf;
	sg->page_link = (a & ~(unsigned long)(PAGE_SIZE - 1)) | (sg->page_link & SG_END);
	sg->offset = (unsigned int)(a & (PAGE_SIZE - 1));
	sg->length = buflen;
}

static inline void sg_init_one(struct scatterlist *sg, const void *buf, unsigned int buflen)
{
	sg_init_table(sg, 1);
	sg_set_buf(sg, buf, buflen);
}

static inline void *sg_virt(const struct scatterlist *sg)
{
	return (void *)(uintptr_t)((sg->page_link & ~SG_PAGE_LINK_MASK) + sg->offset);
}
static inline phys_addr_t sg_phys(const struct scatterlist *sg)
{
	return (phys_addr_t)(uintptr_t)sg_virt(sg);
}

/* The number of entries in a list, chain links not counted. */
static inline int sg_nents(struct scatterlist *sg)
{
	int n = 0;
	for (; sg; sg = sg_next(sg))
		n++;
	return n;
}

#define for_each_sg(sglist, sg, nr, __i) \
	for (__i = 0, sg = (sglist); __i < (nr); __i++, sg = sg_next(sg))

/* A table of scatterlists with its counts (struct sg_table): orig_nents
 * the entries, nents the mapped ones. */
struct sg_table {
	struct scatterlist *sgl;
	unsigned int nents;
	unsigned int orig_nents;
};

#define for_each_sgtable_sg(sgt, sg, i) for_each_sg((sgt)->sgl, sg, (sgt)->orig_nents, i)
#define for_each_sgtable_dma_sg(sgt, sg, i) for_each_sg((sgt)->sgl, sg, (sgt)->nents, i)

#endif

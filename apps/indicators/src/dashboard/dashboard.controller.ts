import { Controller, Get, NotFoundException, OnApplicationBootstrap, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@sas/auth';
import {
  communeCentre,
  communesWithCentre,
  departementPopulation,
  departementsOfRegion,
  findCommune,
  regionName,
} from '@sas/referentials';
import { Response } from 'express';
import { dashboardAsset } from './dashboard-assets';
import { dashboardCsp, dashboardSettings } from './dashboard-settings';

/**
 * The steering dashboard: a static page, its scripts, and the public referential it draws
 * the map with. The figures themselves come from the indicators API, with the reader's token.
 */
@ApiExcludeController()
@Public()
@Controller('dashboard')
export class DashboardController implements OnApplicationBootstrap {
  private readonly settings = dashboardSettings();
  private communesBody?: string;
  private pageBody?: string;

  /** The page, its files and the communes' table are made ready at start, not on a first visitor's clock. */
  onApplicationBootstrap(): void {
    this.communesTable();
    this.pageHtml();
  }

  /** The page, with what it needs to start written into it (one request less before it asks for the figures). */
  @Get()
  page(@Res() res: Response) {
    res.setHeader('Content-Security-Policy', dashboardCsp(this.settings));
    res.setHeader('Cache-Control', 'no-cache');
    res.type('text/html; charset=utf-8').send(this.pageHtml());
  }

  @Get('assets/:name')
  asset(@Param('name') name: string, @Res() res: Response) {
    this.send(name, res);
  }

  /** What the page needs to start: the region and its territories, and how to sign in (also written into the page). */
  @Get('config.json')
  config() {
    const { region, oidc } = this.settings;
    const territories = departementsOfRegion(region).map((d) => ({
      code: d.code,
      name: d.name,
      population: departementPopulation(d.code),
    }));
    return {
      region,
      regionName: regionName(region) ?? region,
      territories,
      auth: oidc ? { mode: 'oidc', ...oidc } : { mode: 'development' },
    };
  }

  /** The region's communes with their centre and population: the map's marks (public referential). */
  @Get('communes.json')
  communes(@Res() res: Response) {
    res.setHeader('Cache-Control', 'public, max-age=86400');
    res.type('application/json').send(this.communesTable());
  }

  private communesTable(): string {
    // Arrondissements included: Paris's facts may name them (patients' and places' communes).
    this.communesBody ??= JSON.stringify({
      columns: ['code', 'name', 'population', 'latitude', 'longitude'],
      rows: communesWithCentre().flatMap((code) => {
        const commune = findCommune(code);
        const centre = communeCentre(code);
        return commune?.region === this.settings.region && centre
          ? [[code, commune.name, commune.population, centre.latitude, centre.longitude]]
          : [];
      }),
    });
    return this.communesBody;
  }

  private pageHtml(): string {
    // The configuration as JSON inside a data block (never run): '<' escaped so no text can close it.
    const json = JSON.stringify(this.config()).replace(/</g, '\\u003c');
    this.pageBody ??= dashboardAsset('index.html')!
      .body.toString('utf8')
      .replace(
        '<script type="application/json" id="dashboard-config"></script>',
        `<script type="application/json" id="dashboard-config">${json}</script>`,
      );
    return this.pageBody;
  }

  private send(name: string, res: Response): void {
    const asset = dashboardAsset(name);
    if (!asset || name === 'index.html') throw new NotFoundException(`no dashboard asset ${name}`);
    res.setHeader('Content-Security-Policy', dashboardCsp(this.settings));
    res.setHeader('Cache-Control', 'public, max-age=3600');
    // Express adds an ETag and answers 304 to a reader that has this version.
    res.type(asset.type).send(asset.body);
  }
}
